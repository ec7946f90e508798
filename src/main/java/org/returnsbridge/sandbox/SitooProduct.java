package org.returnsbridge.sandbox;

/** A Sitoo product as {@code products.json} lists it; the SKU is the join key with Reveni. */
record SitooProduct(int productid, String sku, String title, String barcode, boolean active) {
}

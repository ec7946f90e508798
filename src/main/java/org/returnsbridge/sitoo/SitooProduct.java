package org.returnsbridge.sitoo;

/** The part of a Sitoo product the bridge needs to place a returned unit. */
public record SitooProduct(long productId, String sku, String title, boolean active) {}

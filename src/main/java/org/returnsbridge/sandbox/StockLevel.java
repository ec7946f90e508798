package org.returnsbridge.sandbox;

import java.math.BigDecimal;

/** Stock on hand of one SKU in one warehouse, and when it last changed (unix seconds). */
record StockLevel(int warehouseid, String sku, BigDecimal total, long lastModified) {
}

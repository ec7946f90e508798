package org.returnsbridge.sitoo;

import java.math.BigDecimal;

/**
 * One stock-in warehouse transaction for one returned line. {@code externalId} ties it to the
 * Reveni item, so that the bridge can find it again in Sitoo: Sitoo itself never de-duplicates.
 */
public record StockIn(int warehouseId, String sku, BigDecimal quantity, String externalId, String reasonCode,
                      String description) {}

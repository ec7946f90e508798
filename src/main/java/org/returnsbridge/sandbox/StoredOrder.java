package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A posted Sitoo order: the whole JSON as sent plus the fields Sitoo adds, with its filter keys beside it. */
record StoredOrder(int orderid, String externalid, long orderdate, ObjectNode json) {
}

package org.returnsbridge.sandbox;

/** An account-level Sitoo reason code; transactions carry its {@code reasoncode} string. */
record SitooReasonCode(int reasoncodeid, int type, String reasoncode, String name) {
}

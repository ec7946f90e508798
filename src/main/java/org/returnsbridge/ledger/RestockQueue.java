package org.returnsbridge.ledger;

import java.time.Instant;

/** Interval mode: the lines waiting to go to one Sitoo warehouse under one reason code. */
public record RestockQueue(int warehouseId, String reasonCode, int lines, Instant oldest) {}

package org.returnsbridge.exceptions;

import java.time.Instant;
import org.returnsbridge.failure.ExceptionCategory;

/** One entry of the exception queue: what failed (the unit of work: its key and kind), why, for which business keys, and how often. */
public record ExceptionRecord(
        long id,
        String lineKey,
        WorkKind kind,
        ExceptionCategory category,
        String reason,
        String returnId,
        String itemId,
        String sku,
        String locationId,
        Integer warehouseId,
        String payload,
        int attempts,
        ExceptionStatus status,
        Instant firstSeen,
        Instant lastSeen,
        Instant resolvedAt,
        /** When a person last ignored it; null if never (or before V13 recorded it). */
        Instant ignoredAt) {}

package org.returnsbridge.operations;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Times as a store or finance person reads them: to the second, in the retailer's business zone (the one the
 * daily reconciliation cuts days in, {@code BRIDGE_RECONCILIATION_ZONE}), with the zone named, e.g.
 * "2026-11-30 04:13:00 CET". The exact instant stays in the {@code <time datetime>} attribute for scripts and tests.
 * Templates call it as {@code ${@pageTimes.of(instant)}}.
 */
public final class PageTimes {

    private final DateTimeFormatter format;

    PageTimes(ZoneId zone) {
        this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT).withZone(zone);
    }

    /** The time, or an empty string for none (a template shows its own "never"). */
    public String of(TemporalAccessor time) {
        if (time == null) {
            return "";
        }
        return format.format(time instanceof Instant ? time : Instant.from(time));
    }
}

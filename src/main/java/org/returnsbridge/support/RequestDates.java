package org.returnsbridge.support;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Dates and instants given as request parameters, bounded: the ledger and the reports only hold times
 * between 1970 and 9999, and a year like 99999 or -1 is a typo to answer 400, never a query to run.
 * Each problem is a {@link BadRequestException} naming the parameter; the value is echoed short.
 */
public final class RequestDates {

    public static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(9999, 12, 31);
    private static final int LONGEST = 40;

    private RequestDates() {}

    /** A day, {@code YYYY-MM-DD}. */
    public static LocalDate day(String name, String value) {
        if (value == null || value.isBlank() || value.length() > LONGEST) {
            throw invalid(name, value, "a date YYYY-MM-DD");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(value.trim());
        } catch (DateTimeException e) {
            throw invalid(name, value, "a date YYYY-MM-DD");
        }
        return inRange(name, day);
    }

    /** A day ({@code 2026-11-24}, its start in UTC) or an instant ({@code 2026-11-24T08:00:00Z}). */
    public static Instant dayOrInstant(String name, String value) {
        String expected = "a date (2026-11-24) or an instant (2026-11-24T08:00:00Z)";
        if (value == null || value.isBlank() || value.length() > LONGEST) {
            throw invalid(name, value, expected);
        }
        String trimmed = value.trim();
        if (!trimmed.contains("T")) {
            return day(name, trimmed).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        Instant instant;
        try {
            instant = Instant.parse(trimmed);
        } catch (DateTimeException e) {
            throw invalid(name, value, expected);
        }
        inRange(name, LocalDate.ofInstant(instant, ZoneOffset.UTC));
        return instant;
    }

    private static LocalDate inRange(String name, LocalDate day) {
        if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
            throw new BadRequestException(name + " must be between " + EARLIEST + " and " + LATEST + ", got " + day);
        }
        return day;
    }

    private static BadRequestException invalid(String name, String value, String expected) {
        return new BadRequestException(name + " must be " + expected + ", got '" + echo(value) + "'");
    }

    /** A caller's value, short enough to echo: never a 10 000-character answer to a 10 000-character typo. */
    public static String echo(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= LONGEST ? value : value.substring(0, LONGEST) + "… (" + value.length() + " characters)";
    }
}

package org.returnsbridge.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The bridge's one convention for time and text in its tables: UTC timestamps, bounded reasons. */
public final class Sql {

    private Sql() {}

    /**
     * Every timestamp column is TIMESTAMP WITH TIME ZONE, written in UTC to the microsecond: PostgreSQL keeps
     * microseconds (and would round the rest), H2 nanoseconds; cut to microseconds, an instant reads back the
     * same from either database.
     */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Reasons are for people: long vendor answers are cut rather than failing the write. */
    public static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

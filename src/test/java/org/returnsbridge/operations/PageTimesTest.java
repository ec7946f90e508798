package org.returnsbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class PageTimesTest {

    @Test
    void showsTheSecondInTheBusinessZoneWithTheZoneNamed() {
        Instant at = Instant.parse("2026-11-30T03:13:00.421370Z");

        assertThat(new PageTimes(ZoneId.of("UTC")).of(at)).isEqualTo("2026-11-30 03:13:00 UTC");
        assertThat(new PageTimes(ZoneId.of("Europe/Stockholm")).of(at)).isEqualTo("2026-11-30 04:13:00 CET");
        assertThat(new PageTimes(ZoneId.of("Europe/Madrid")).of(Instant.parse("2026-07-01T10:00:00Z")))
                .as("summer time").isEqualTo("2026-07-01 12:00:00 CEST");
    }

    @Test
    void noTimeIsAnEmptyString() {
        assertThat(new PageTimes(ZoneId.of("UTC")).of(null)).isEmpty();
    }
}

package org.returnsbridge.sitoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SitooGuardTest {

    @Test
    void permitsAreSpreadEvenlyNotBurstAtTheStartOfEachSecond() {
        SitooGuard guard = new SitooGuard(20, 50, 10, 10, Duration.ofSeconds(30));
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            at.add(guard.call(System::nanoTime));
        }

        for (int i = 1; i < at.size(); i++) {
            assertThat(Duration.ofNanos(at.get(i) - at.get(i - 1)))
                    .as("gap before call %d: a burst would put two 1-second windows' worth in one sliding second", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(40));
        }
    }
}

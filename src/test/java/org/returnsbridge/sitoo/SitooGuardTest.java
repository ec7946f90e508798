package org.returnsbridge.sitoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SitooGuardTest {

    private static final int RATE = 20;

    /**
     * With one permit per 1/rate s, calls i and j (i < j) take their permits in distinct periods, at least
     * {@code j - i - 1} whole periods apart. Measured from outside each permit (before call i asked for it, inside
     * call j once it had it) that span can only be longer, however slowly a loaded machine runs this thread; so
     * the assertion holds at any speed, while a limiter handing out a second's permits as one burst puts all 15
     * calls within a few milliseconds and fails it. (Comparing consecutive calls alone cannot work: a thread held up
     * after its permit may legitimately take the next one at the very start of the following period.)
     */
    @Test
    void permitsAreSpreadEvenlyNotBurstAtTheStartOfEachSecond() {
        SitooGuard guard = new SitooGuard(RATE, 50, 10, 10, Duration.ofSeconds(30));
        List<Long> asked = new ArrayList<>();
        List<Long> held = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            asked.add(System.nanoTime());
            held.add(guard.call(System::nanoTime));
        }

        Duration period = Duration.ofMillis(1000 / RATE);
        for (int i = 0; i < held.size(); i++) {
            for (int j = i + 2; j < held.size(); j++) {
                assertThat(Duration.ofNanos(held.get(j) - asked.get(i)))
                        .as("calls %d to %d: a burst would put two 1-second windows' worth in one sliding second", i, j)
                        .isGreaterThanOrEqualTo(period.multipliedBy(j - i - 1));
            }
        }
    }
}

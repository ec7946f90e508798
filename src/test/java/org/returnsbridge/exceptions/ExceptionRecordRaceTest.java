package org.returnsbridge.exceptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;

/**
 * Two nodes (or two workers of one) failing the same unit of work at the same instant: the queue keeps one
 * current record for it, with both attempts counted, never two records an operator would replay twice.
 */
class ExceptionRecordRaceTest extends SandboxedBridgeTest {

    private static final int ROUNDS = 40;
    private static final int RACERS = 4;

    @Test
    void failuresOfOneLineRecordedAtOnceShareOneCurrentRecord() throws Exception {
        ExecutorService racers = Executors.newFixedThreadPool(RACERS);
        try {
            List<String> keys = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                String returnId = ReturnJson.newId();
                String itemId = ReturnJson.newId();
                FailedWork work = new FailedWork.Line(itemId, returnId, "10001-1", null, null, null);
                keys.add(work.key());
                CyclicBarrier start = new CyclicBarrier(RACERS);
                List<Future<Long>> ids = new ArrayList<>();
                for (int r = 0; r < RACERS; r++) {
                    ids.add(racers.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return exceptions.record(ExceptionCategory.SITOO_UNAVAILABLE, "Sitoo answered 503", work);
                    }));
                }
                for (Future<Long> id : ids) {
                    id.get(30, TimeUnit.SECONDS); // none of the racers fails
                }
            }
            for (String key : keys) {
                List<ExceptionRecord> records = exceptions.findByLineKey(key);
                assertThat(records).as("records of %s", key).hasSize(1);
                assertThat(records.get(0).status()).isEqualTo(ExceptionStatus.OPEN);
                assertThat(records.get(0).attempts()).as("every attempt counted on the one record").isEqualTo(RACERS);
            }
        } finally {
            racers.shutdownNow();
        }
    }

    @Test
    void aResolvedRecordMakesRoomForANewOneWhenTheWorkFailsAgain() {
        String returnId = ReturnJson.newId();
        String itemId = ReturnJson.newId();
        FailedWork work = new FailedWork.Line(itemId, returnId, null, null, null, null);
        long first = exceptions.record(ExceptionCategory.SITOO_UNAVAILABLE, "Sitoo answered 503", work);
        exceptions.resolve(work.key());
        long second = exceptions.record(ExceptionCategory.SITOO_UNAVAILABLE, "Sitoo answered 502", work);

        assertThat(second).isNotEqualTo(first);
        assertThat(exceptions.findByLineKey(work.key())).extracting(ExceptionRecord::status)
                .containsExactly(ExceptionStatus.RESOLVED, ExceptionStatus.OPEN);
    }
}

package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.exceptions.ExceptionStatus;
import org.returnsbridge.exceptions.FailedWork;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.testsupport.SandboxedBridgeTest;

/**
 * The exception sweep's route picks its due records with SQL (camel-jdbc) that must run on H2 and on
 * PostgreSQL alike: a transient failure is replayed once due; the poll's own record is never replayed by it.
 */
class SweepRoutesTest extends SandboxedBridgeTest {

    @Test
    void aDueTransientFailureIsReplayedAndThePollsOwnRecordIsLeftToThePoll() {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, "10038-1", 1).json());
        sandbox.sitooFaults("{\"rate500\": 1.0}");
        poll();
        assertThat(line(item).state()).isEqualTo(LineState.EXCEPTION);
        long pollRecord = exceptions.record(ExceptionCategory.REVENI_UNAVAILABLE, "Reveni answered 503",
                FailedWork.Poll.of("reveni"));
        sandbox.sitooFaults("{}");

        // Due after bridge.exceptions.retry-first (0.5 s in the tests). Were the poll's record picked too, the
        // sweep would count two.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> replayDueExceptions() == 1);

        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
        assertThat(exceptionsFor(item)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(ExceptionStatus.RESOLVED));
        assertThat(exceptions.find(pollRecord)).get().satisfies(r -> assertThat(r.status()).isEqualTo(ExceptionStatus.OPEN));
    }
}

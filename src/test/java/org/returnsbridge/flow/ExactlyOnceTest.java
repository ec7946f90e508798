package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.returnsbridge.exceptions.ExceptionStatus;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.testsupport.SandboxedBridgeTest;

/**
 * The outcome-unknown window inside one JVM: Sitoo applies the stock-in but its answer never arrives
 * (longer than the client's timeout). The line must not be posted again blindly.
 * (The same window across a real process kill is proven by CrashRestartIT.)
 */
class ExactlyOnceTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";


    @Test
    void stockInWhoseAnswerWasLostIsFoundOnRetryAndNeverPostedTwice() {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, SCARF, 1).json());
        sandbox.sitooFaults("{\"holdAfterCommitMillis\": 3500}"); // client timeout in tests: 2 s

        poll();

        // The in-flight retry read the stock-in back instead of posting it again.
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
        assertThat(sandbox.calls("sitoo POST warehousetransactions")).isEqualTo(1);
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("1");
        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(line(item).stateReason()).contains("read-back");
        assertThat(line(item).sitooTransactionId())
                .isEqualTo(sandbox.warehouseTransactions().get(0).path("warehousetransactionid").asLong());
        assertThat(exceptionsFor(item)).isEmpty();
    }

    @Test
    void stockInWhoseAnswerIsLostOnEveryTryIsSettledLaterWithoutDoubling() {
        sandbox.putReturn(aReturn().sellable(newId(), SCARF, 1).json());
        poll(); // the SKU is cached now: the faults below hit the stock-in and its read-backs
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, SCARF, 1).json());
        // Every write is applied and its answer lost; every read-back times out too (slow), so the
        // outcome stays unknown through the whole retry budget.
        sandbox.sitooFaults("{\"holdAfterCommitMillis\": 2500, \"rateSlow\": 1.0, \"slowMillis\": 2500}");

        poll();

        assertThat(line(item).state()).isEqualTo(LineState.EXCEPTION);
        assertThat(line(item).restockIntentAt()).as("the intent survives: outcome unknown").isNotNull();
        assertThat(exceptionsFor(item).get(0).category()).isEqualTo(ExceptionCategory.SITOO_UNAVAILABLE);

        sandbox.sitooFaults("{}");
        settleUnconfirmed();

        assertThat(sandbox.warehouseTransactions()).as("the warm-up line and this one, once").hasSize(2);
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("2");
        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(line(item).stateReason()).contains("read-back");
        assertThat(exceptionsFor(item).get(0).status()).isEqualTo(ExceptionStatus.RESOLVED);
    }

    @Test
    void stockInThatNeverLandedIsPostedOnceByTheSweep() {
        sandbox.putReturn(aReturn().sellable(newId(), SCARF, 1).json());
        poll(); // the SKU is in the bridge's cache now, so the outage hits the stock-in itself
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, SCARF, 1).json());
        sandbox.sitooFaults("{\"outageSeconds\": 60}");

        poll();

        assertThat(sandbox.warehouseTransactions()).hasSize(1);
        assertThat(line(item).restockIntentAt()).isNotNull();

        sandbox.sitooFaults("{}");
        // Not found in Sitoo, but the last post may still be in flight until the settle time passed.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            settleUnconfirmed();
            return line(item).state() == LineState.RESTOCKED;
        });
        settleUnconfirmed();

        assertThat(sandbox.warehouseTransactions()).hasSize(2);
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("2");
        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(line(item).stateReason()).isEqualTo("stock-in posted");
    }

    @Test
    void sitooRejectionIsAnExceptionAndVoidsTheIntent() {
        String item = newId();
        sandbox.putReturn(aReturn().location("store-stockholm-01").sellable(item, SCARF, 1).json());
        // Someone turned the store's warehouse virtual in Sitoo after start-up: a definite "no" (400).
        sandbox.send("POST", "/sitoo/warehouses",
                "{\"warehouseid\": 1, \"warehousetype\": 20, \"name\": \"Drottninggatan (now virtual)\"}");

        poll();

        assertThat(sandbox.stockLevels()).isEmpty();
        assertThat(line(item).state()).isEqualTo(LineState.EXCEPTION);
        assertThat(line(item).restockIntentAt()).as("nothing moved, so no read-back is owed").isNull();
        assertThat(exceptionsFor(item).get(0).category()).isEqualTo(ExceptionCategory.SITOO_REJECTED);
    }
}

package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.returnsbridge.exceptions.ExceptionCategory;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Interval sync mode: lines wait per warehouse and go to Sitoo together, each still exactly once. */
class IntervalModeTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";

    @DynamicPropertySource
    static void intervalMode(DynamicPropertyRegistry registry) {
        registry.add("bridge.sync.mode", () -> "interval");
        registry.add("bridge.sync.window", () -> "PT0.5S");
        registry.add("bridge.sync.batch-size", () -> "50");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:bridge-interval;DB_CLOSE_DELAY=-1");
    }

    @Test
    void oneRequestCarriesManyLinesEachWithItsOwnTransaction() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String item = newId();
            items.add(item);
            sandbox.putReturn(aReturn().location(i % 2 == 0 ? "store-stockholm-01" : "dc-boras").sellable(item, SCARF, 1).json());
        }

        poll();
        assertThat(line(items.get(0)).state()).as("queued, not sent yet").isEqualTo(LineState.RESTOCKING);
        await().atMost(Duration.ofSeconds(10)).until(() -> items.stream().allMatch(i -> line(i).state() == LineState.RESTOCKED));

        assertThat(sandbox.calls("sitoo POST warehousetransactions")).as("one request per warehouse").isEqualTo(2);
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("10");
        assertThat(sandbox.stock(3, SCARF)).isEqualByComparingTo("10");
        assertThat(sandbox.warehouseTransactions()).hasSize(20);
        assertThat(new HashSet<>(items.stream().map(i -> line(i).sitooTransactionId()).toList())).hasSize(20);
        poll();
        assertThat(sandbox.warehouseTransactions()).as("a later poll adds nothing").hasSize(20);
    }

    @Test
    void aRefusedElementFailsOnlyItsOwnLine() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String item = newId();
            items.add(item);
            sandbox.putReturn(aReturn().sellable(item, SCARF, 1).json());
        }
        poll(); // look-ups happen while polling; the faults below hit only the batch
        sandbox.sitooFaults("{\"seed\": 4, \"rateElementFailure\": 0.3}");

        await().atMost(Duration.ofSeconds(10)).until(() -> items.stream()
                .allMatch(i -> line(i).state() == LineState.RESTOCKED || line(i).state() == LineState.EXCEPTION));

        long restocked = items.stream().filter(i -> line(i).state() == LineState.RESTOCKED).count();
        long refused = items.size() - restocked;
        assertThat(refused).as("the seed refuses some elements").isPositive();
        assertThat(restocked).isPositive();
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo(Long.toString(restocked));
        items.stream().filter(i -> line(i).state() == LineState.EXCEPTION).forEach(i -> {
            assertThat(exceptionsFor(i).get(0).category()).isEqualTo(ExceptionCategory.SITOO_REJECTED);
            assertThat(line(i).restockIntentAt()).as("nothing moved, intent void").isNull();
        });
    }

    @Test
    void queuedLinesSurviveAndAreSentOnce() {
        String item = newId();
        ReturnJson ret = aReturn().sellable(item, SCARF, 2);
        sandbox.putReturn(ret.json());

        poll();
        poll(); // seen again while queued: still one line in the queue

        await().atMost(Duration.ofSeconds(10)).until(() -> line(item).state() == LineState.RESTOCKED);
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("2");
    }
}

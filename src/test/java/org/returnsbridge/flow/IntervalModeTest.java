package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.spi.RouteController;
import org.junit.jupiter.api.Test;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.reconciliation.ReconciliationService;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Interval sync mode: lines wait per warehouse and go to Sitoo as one transaction, each still exactly once. */
class IntervalModeTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";

    @Autowired
    private ReconciliationService reconciliation;

    @DynamicPropertySource
    static void intervalMode(DynamicPropertyRegistry registry) {
        registry.add("bridge.sync.mode", () -> "interval");
        registry.add("bridge.sync.window", () -> "PT0.5S");
        registry.add("bridge.sync.batch-size", () -> "50");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:bridge-interval;DB_CLOSE_DELAY=-1");
    }

    @Test
    void oneTransactionPerWarehouseCarriesManyLinesAndOneRequestCarriesEveryWarehouse() throws Exception {
        List<String> stockholm = new ArrayList<>();
        List<String> boras = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String item = newId();
            (i % 2 == 0 ? stockholm : boras).add(item);
            sandbox.putReturn(aReturn().location(i % 2 == 0 ? "store-stockholm-01" : "dc-boras").sellable(item, SCARF, 1).json());
        }

        withBatchesHeld(() -> {
            poll();
            assertThat(stockholm).as("queued, not sent")
                    .allMatch(item -> line(item).state() == LineState.RESTOCKING);
            assertThat(sandbox.calls("sitoo POST warehousetransactions")).as("nothing sent by the poll").isZero();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> allRestocked(stockholm) && allRestocked(boras));

        assertThat(sandbox.calls("sitoo POST warehousetransactions")).as("one request for both warehouses").isEqualTo(1);
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("10");
        assertThat(sandbox.stock(3, SCARF)).isEqualByComparingTo("10");
        JsonNode transactions = sandbox.warehouseTransactions();
        assertThat(transactions).as("one transaction per warehouse").hasSize(2);
        transactions.forEach(tx -> assertThat(tx.path("items")).as("one item per line").hasSize(10));
        assertCarriedByOneTransaction(stockholm, transactions, 1);
        assertCarriedByOneTransaction(boras, transactions, 3);
        poll();
        assertThat(sandbox.warehouseTransactions()).as("a later poll adds nothing").hasSize(2);
        assertThat(reconciliation.run(LocalDate.now(ZoneOffset.UTC)).findings())
                .as("reconciliation matches batch transactions to their lines")
                .noneMatch(f -> f.kind().startsWith("STOCK_IN"));
    }

    @Test
    void aRefusedTransactionFailsOnlyItsOwnWarehouseAndItsLinesAreTriedOneByOne() throws Exception {
        String unknownSku = "10038-9"; // known at look-up time, then removed from Sitoo before the batch goes
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String item = newId();
            good.add(item);
            sandbox.putReturn(aReturn().location(i % 2 == 0 ? "store-stockholm-01" : "dc-boras").sellable(item, SCARF, 1).json());
        }
        String bad = newId();
        String goodBeside = newId();
        sandbox.createProduct(unknownSku, "Scarf, limited");
        sandbox.putReturn(aReturn().location("dc-boras").sellable(bad, unknownSku, 1).sellable(goodBeside, SCARF, 1).json());
        withBatchesHeld(() -> {
            poll();
            sandbox.send("DELETE", "/sitoo/products/" + unknownSku, null);
        });

        await().atMost(Duration.ofSeconds(15)).until(() -> allRestocked(good) && allRestocked(List.of(goodBeside))
                && line(bad).state() == LineState.EXCEPTION);

        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("3");
        assertThat(sandbox.stock(3, SCARF)).as("Borås's batch was refused, then its good lines went one by one")
                .isEqualByComparingTo("4");
        assertThat(exceptionsFor(bad).get(0).category()).isEqualTo(ExceptionCategory.SITOO_REJECTED);
        assertThat(exceptionsFor(bad).get(0).reason()).contains(unknownSku);
        assertThat(line(bad).restockIntentAt()).as("nothing moved, intent void").isNull();
        assertThat(good.stream().filter(i -> line(i).warehouseId() == 1).map(i -> line(i).sitooTransactionId()).distinct())
                .as("Stockholm's lines stayed in their one transaction").hasSize(1);
    }

    /**
     * Runs {@code step} with the batch flush stopped, then starts it again. With a 0.5 s window a flush may
     * otherwise run in the middle of a poll on a loaded machine and split what one poll queued into two requests;
     * held, every line the step queues waits for the same flush, however slowly the step runs.
     */
    private void withBatchesHeld(ThrowingRunnable step) throws Exception {
        RouteController routes = camel.getCamelContext().getRouteController();
        routes.stopRoute(SweepRoutes.RESTOCK_BATCHES);
        try {
            step.run();
        } finally {
            routes.startRoute(SweepRoutes.RESTOCK_BATCHES);
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private boolean allRestocked(List<String> items) {
        return items.stream().allMatch(i -> line(i).state() == LineState.RESTOCKED);
    }

    /** Every line of the warehouse knows the one Sitoo transaction that carried it, and that transaction is there. */
    private void assertCarriedByOneTransaction(List<String> items, JsonNode transactions, int warehouse) {
        Set<Long> ids = new HashSet<>(items.stream().map(i -> line(i).sitooTransactionId()).toList());
        assertThat(ids).hasSize(1);
        Set<String> externalIds = new HashSet<>(items.stream().map(i -> line(i).externalId()).toList());
        assertThat(externalIds).hasSize(1);
        JsonNode tx = StreamSupport.stream(transactions.spliterator(), false)
                .filter(t -> t.path("warehousetransactionid").asLong() == ids.iterator().next()).findFirst().orElseThrow();
        assertThat(tx.path("warehouseid").asInt()).isEqualTo(warehouse);
        assertThat(tx.path("externalid").asText()).isEqualTo(externalIds.iterator().next()).startsWith("rvb-");
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

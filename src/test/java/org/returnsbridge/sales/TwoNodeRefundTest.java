package org.returnsbridge.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.claims.Claims;
import org.returnsbridge.mapping.MappingRegistry;
import org.returnsbridge.reveni.ReturnParser;
import org.returnsbridge.sitoo.SitooCatalog;
import org.returnsbridge.sitoo.SitooClient;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A second node's recorder beside this context's, sharing its database and Sitoo: the same refund recorded by
 * both at once is one Sitoo order, posted once, and no exception.
 */
class TwoNodeRefundTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";

    @Autowired
    private SitooClient sitoo;
    @Autowired
    private SitooCatalog catalog;
    @Autowired
    private SalesLedger salesLedger;
    @Autowired
    private SalesRecorder recorderA;
    @Autowired
    private MappingRegistry mappings;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private ReturnParser parser;

    private final Claims nodeB = new Claims("node-b", Duration.ofMinutes(2), Clock.systemUTC());
    private final ExecutorService workers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
        sandbox.sitooFaults("{}");
    }

    @Test
    void twoRecordersRacingOneRefundPostOneOrderAndFileNoException() throws Exception {
        SalesRecorder recorderB = new SalesRecorder(sitoo, catalog, salesLedger, exceptions, mappings,
                new SalesOrders(json), nodeB, java.time.Duration.ofSeconds(12));
        String item = newId();
        String refundId = newId();
        ReturnJson ret = aReturn().sellable(item, SCARF, 1).refund(refundId, "succeeded", "49.9500", item, "49.9500");
        ret.json().put("updated_at", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        SalesWork refund = SalesWork.of(parser.parse(ret.json())).get(0);
        sandbox.sitooFaults("{\"latencyMillis\": 150}"); // a wide window: both would be inside the post at once

        List<Callable<Void>> race = new ArrayList<>();
        for (SalesRecorder recorder : List.of(recorderA, recorderB, recorderA, recorderB)) {
            race.add(() -> {
                recorder.record(refund);
                return null;
            });
        }
        runAll(race);

        assertThat(ordersWithExternalId("rf-" + refundId)).hasSize(1);
        assertThat(sandbox.calls("sitoo POST orders")).as("the losers never posted").isEqualTo(1);
        assertThat(salesLedger.find(refund.recordKey()).orElseThrow().state()).isEqualTo(SalesRecordState.RECORDED);
        assertThat(exceptionsFor(refund.recordKey())).isEmpty();
    }

    private List<JsonNode> ordersWithExternalId(String externalId) {
        List<JsonNode> found = new ArrayList<>();
        sandbox.orders().forEach(order -> {
            if (externalId.equals(order.path("externalid").asText())) {
                found.add(order);
            }
        });
        return found;
    }

    private void runAll(List<Callable<Void>> tasks) throws Exception {
        for (Future<Void> done : workers.invokeAll(tasks)) {
            done.get();
        }
    }
}

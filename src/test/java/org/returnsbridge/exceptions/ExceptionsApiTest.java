package org.returnsbridge.exceptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Instant;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The operator's replay workflow over REST, asserted on Sitoo's stock, the ledger and the queue itself. */
class ExceptionsApiTest extends SandboxedBridgeTest {

    private static final String NEW_SKU = "99999-9";

    @Autowired
    private JdbcTemplate jdbc;
    private static final int STOCKHOLM = 1;

    @Test
    void unknownSkuIsRestockedOnceTheProductExistsAndTheCategoryIsReplayed() {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, NEW_SKU, 1).json());
        poll();

        JsonNode open = get("/api/exceptions?status=OPEN&category=UNKNOWN_SKU");
        assertThat(open).hasSize(1);
        JsonNode record = open.get(0);
        assertThat(record.path("itemId").asText()).isEqualTo(item);
        assertThat(record.path("kind").asText()).isEqualTo("LINE");
        assertThat(record.path("warehouseId").asInt()).as("the warehouse its location maps to").isEqualTo(STOCKHOLM);
        assertThat(record.path("sku").asText()).isEqualTo(NEW_SKU);
        assertThat(record.path("status").asText()).isEqualTo("OPEN");
        assertThat(sandbox.stock(STOCKHOLM, NEW_SKU)).isEqualByComparingTo("0");

        sandbox.createProduct(NEW_SKU, "x");
        ResponseEntity<JsonNode> replayed = post("/api/exceptions/replay?category=UNKNOWN_SKU");

        assertThat(replayed.getStatusCode().value()).isEqualTo(200);
        assertThat(replayed.getBody()).hasSize(1);
        assertThat(replayed.getBody().get(0).path("outcome").asText()).isEqualTo("RESOLVED");
        assertThat(replayed.getBody().get(0).path("status").asText()).isEqualTo("RESOLVED");
        assertThat(sandbox.stock(STOCKHOLM, NEW_SKU)).isEqualByComparingTo("1");
        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(get("/api/exceptions/" + record.path("id").asLong()).path("status").asText()).isEqualTo("RESOLVED");
        assertThat(get("/api/exceptions?status=OPEN&category=UNKNOWN_SKU")).isEmpty();
    }

    @Test
    void replayingAResolvedRecordAgainMovesNothing() {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, NEW_SKU, 1).json());
        poll();
        long id = onlyRecordId(item);
        sandbox.createProduct(NEW_SKU, "x");
        assertThat(post("/api/exceptions/" + id + "/replay").getBody().path("outcome").asText()).isEqualTo("RESOLVED");

        ResponseEntity<JsonNode> again = post("/api/exceptions/" + id + "/replay");

        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().path("outcome").asText()).isEqualTo("RESOLVED");
        assertThat(sandbox.stock(STOCKHOLM, NEW_SKU)).isEqualByComparingTo("1");
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
        assertThat(post("/api/exceptions/replay?category=UNKNOWN_SKU").getBody()).as("nothing open to replay").isEmpty();
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
    }

    /** A replay first reads the return again from Reveni; a Retry-After there holds the sweep back, as in the flow. */
    @Test
    void aRetryAfterFromReveniDuringAReplayHoldsTheNextSweepBack() {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, NEW_SKU, 1).json());
        poll();
        long id = onlyRecordId(item);
        sandbox.reveniFaults("{\"rate429RetryAfter\": 1.0, \"retryAfterSeconds\": 600}");
        try {
            ResponseEntity<JsonNode> replayed = post("/api/exceptions/" + id + "/replay");

            assertThat(replayed.getBody().path("outcome").asText()).isEqualTo("STILL_FAILING");
        } finally {
            sandbox.reveniFaults("{}");
        }
        assertThat(get("/api/exceptions/" + id).path("category").asText()).isEqualTo("REVENI_UNAVAILABLE");
        OffsetDateTime next = jdbc.queryForObject("SELECT next_attempt_at FROM exception_record WHERE id = ?",
                OffsetDateTime.class, id);
        assertThat(next.toInstant()).as("due no sooner than Reveni's Retry-After (the test backoff is under a second)")
                .isAfter(Instant.now().plusSeconds(500));

        sandbox.createProduct(NEW_SKU, "x");
        assertThat(replayDueExceptions()).as("nothing due yet").isZero();
        assertThat(line(item).state()).isEqualTo(LineState.EXCEPTION);
        assertThat(sandbox.warehouseTransactions()).isEmpty();
    }

    @Test
    void replayBeforeTheFixLeavesTheRecordOpenWithOneMoreAttempt() {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, NEW_SKU, 1).json());
        poll();
        long id = onlyRecordId(item);

        ResponseEntity<JsonNode> replayed = post("/api/exceptions/" + id + "/replay");

        assertThat(replayed.getBody().path("outcome").asText()).isEqualTo("STILL_FAILING");
        assertThat(replayed.getBody().path("status").asText()).isEqualTo("OPEN");
        assertThat(get("/api/exceptions/" + id).path("attempts").asInt()).isEqualTo(2);
        assertThat(sandbox.warehouseTransactions()).isEmpty();
    }

    @Test
    void ignoredRecordStaysListedAsIgnored() {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, NEW_SKU, 1).json());
        poll();
        long id = onlyRecordId(item);

        ResponseEntity<JsonNode> ignored = post("/api/exceptions/" + id + "/ignore");

        assertThat(ignored.getStatusCode().value()).isEqualTo(200);
        assertThat(ignored.getBody().path("status").asText()).isEqualTo("IGNORED");
        assertThat(exceptions.find(id).orElseThrow().status()).isEqualTo(ExceptionStatus.IGNORED);
        assertThat(get("/api/exceptions?status=OPEN")).isEmpty();
        assertThat(get("/api/exceptions?status=ignored")).hasSize(1);
        assertThat(post("/api/exceptions/replay?category=UNKNOWN_SKU").getBody()).as("ignored is not replayed").isEmpty();
    }

    @Test
    void ignoringACategoryIgnoresItsOpenRecordsAndNoOther() {
        String first = newId();
        String second = newId();
        String elsewhere = newId();
        sandbox.putReturn(aReturn().sellable(first, NEW_SKU, 1).json());
        sandbox.putReturn(aReturn().sellable(second, NEW_SKU, 2).json());
        sandbox.putReturn(aReturn().location("store-not-mapped").sellable(elsewhere, "10038-1", 1).json());
        poll();

        ResponseEntity<JsonNode> ignored = post("/api/exceptions/ignore?category=unknown_sku");

        assertThat(ignored.getStatusCode().value()).isEqualTo(200);
        assertThat(ignored.getBody().path("category").asText()).isEqualTo("UNKNOWN_SKU");
        assertThat(ignored.getBody().path("ignored").asInt()).isEqualTo(2);
        assertThat(exceptions.find(onlyRecordId(first)).orElseThrow().status()).isEqualTo(ExceptionStatus.IGNORED);
        assertThat(exceptions.find(onlyRecordId(second)).orElseThrow().ignoredAt()).isNotNull();
        assertThat(exceptions.find(onlyRecordId(elsewhere)).orElseThrow().status()).as("another category")
                .isEqualTo(ExceptionStatus.OPEN);
        assertThat(post("/api/exceptions/ignore?category=UNKNOWN_SKU").getBody().path("ignored").asInt())
                .as("nothing open left in it").isZero();
        assertDetail(post("/api/exceptions/ignore"), 400, "category is required: one of UNKNOWN_SKU");
        assertThat(sandbox.warehouseTransactions()).isEmpty();
    }

    @Test
    void absentRecordsAre404() {
        assertDetail(asOperator().getForEntity("/api/exceptions/987654", JsonNode.class), 404, "no exception record 987654");
        assertDetail(post("/api/exceptions/987654/replay"), 404, "no exception record 987654");
        assertDetail(post("/api/exceptions/987654/ignore"), 404, "no exception record 987654");
    }

    @Test
    void unknownOrMissingFilterValuesAre400NamingTheChoices() {
        assertDetail(asOperator().getForEntity("/api/exceptions?category=UNKNOWN_THING", JsonNode.class), 400,
                "unknown category 'UNKNOWN_THING': one of UNKNOWN_SKU, UNMAPPED_LOCATION");
        assertDetail(asOperator().getForEntity("/api/exceptions?status=DONE", JsonNode.class), 400,
                "unknown status 'DONE': one of OPEN, REPLAYING, RESOLVED, IGNORED");
        assertDetail(post("/api/exceptions/replay?category=NOPE"), 400, "unknown category 'NOPE'");
        assertDetail(post("/api/exceptions/replay"), 400, "category is required: one of UNKNOWN_SKU");
        assertDetail(asOperator().getForEntity("/api/exceptions/abc", JsonNode.class), 400, "id must be a number");
    }

    private long onlyRecordId(String item) {
        assertThat(exceptionsFor(item)).hasSize(1);
        return exceptionsFor(item).get(0).id();
    }

    private JsonNode get(String path) {
        ResponseEntity<JsonNode> response = asOperator().getForEntity(path, JsonNode.class);
        assertThat(response.getStatusCode().value()).as("GET " + path).isEqualTo(200);
        return response.getBody();
    }

    private ResponseEntity<JsonNode> post(String path) {
        return asOperator().postForEntity(path, null, JsonNode.class);
    }

    private static void assertDetail(ResponseEntity<JsonNode> response, int status, String detail) {
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getBody().path("detail").asText()).contains(detail);
    }
}

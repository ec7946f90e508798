package org.returnsbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReturnsTrickleTest {

    @Test
    void tickDrivenReturnsReachAcceptedWithRefundsWithinAFewTicks() {
        ReveniStore store = new ReveniStore(Clock.systemUTC());
        ReturnsTrickle trickle = new ReturnsTrickle(store, 42);

        for (int i = 0; i < 12; i++) {
            trickle.tick();
        }

        List<ObjectNode> accepted = store.all().stream()
                .filter(ret -> ret.path("status").asText().equals("accepted")).toList();
        assertThat(accepted).isNotEmpty();
        for (ObjectNode ret : accepted) {
            assertThat(ret.path("id").asText()).matches("[0-9a-f]{32}");
            assertThat(ret.path("return_items")).allSatisfy(item -> {
                assertThat(item.path("status").asText()).isEqualTo("accepted");
                assertThat(item.path("condition").asText()).isIn("sellable", "damaged", "unsellable");
            });
            assertThat(refundedTotal(ret)).isEqualByComparingTo(refundableTotal(ret));
        }
    }

    @Test
    void aLongRunShowsEveryLifecycleStateAndTheDeliberateExceptions() {
        ReveniStore store = new ReveniStore(Clock.systemUTC());
        ReturnsTrickle trickle = new ReturnsTrickle(store, 42);
        StringBuilder seen = new StringBuilder();
        store.addListener((event, ret) -> seen.append(ret.path("status").asText()).append(' ')
                .append(ret.path("return_location").path("id").asText()).append(' ')
                .append(ret.findValuesAsText("sku")).append(' ')
                .append(ret.findValuesAsText("condition")).append('\n'));

        for (int i = 0; i < 250; i++) {
            trickle.tick();
        }

        assertThat(seen.toString()).contains("in_progress", "shipped", "received", "for_review", "partly_accepted",
                "store-stockholm-01", "store-goteborg-01", "dc-boras", "store-malmo-01", "99999-9", "null", "damaged");
        assertThat(store.size()).isLessThanOrEqualTo(ReturnsTrickle.MAX_TRACKED_RETURNS);
    }

    @Test
    void theSameSeedGivesTheSameReturns() {
        ReveniStore first = new ReveniStore(Clock.systemUTC());
        ReveniStore second = new ReveniStore(Clock.systemUTC());
        ReturnsTrickle a = new ReturnsTrickle(first, 7);
        ReturnsTrickle b = new ReturnsTrickle(second, 7);
        for (int i = 0; i < 10; i++) {
            a.tick();
            b.tick();
        }

        assertThat(first.all().stream().map(ret -> ret.path("id").asText()).sorted().toList())
                .isEqualTo(second.all().stream().map(ret -> ret.path("id").asText()).sorted().toList());
    }

    @Test
    void trickleNeverTouchesReturnsItDidNotCreate() {
        ReveniStore store = new ReveniStore(Clock.systemUTC());
        ObjectNode mine = JsonHttp.object().put("id", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").put("status", "in_progress")
                .put("updated_at", "2020-01-01T00:00:00Z");
        store.put(mine, true);
        ReturnsTrickle trickle = new ReturnsTrickle(store, 42);

        for (int i = 0; i < 20; i++) {
            trickle.tick();
        }

        assertThat(store.get("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").orElseThrow()).isEqualTo(store.put(mine, true));
    }

    @Test
    void aSandboxStartedWithTrickleProducesReturnsOnItsOwn() {
        try (SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withPort(0)
                .withTrickle(true).withTrickleIntervalSeconds(1))) {
            SandboxTestClient client = new SandboxTestClient(server);

            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                    client.reveniGet("/returns").json().path("count").asInt() >= 1);
        }
    }

    private static BigDecimal refundedTotal(JsonNode ret) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode refund : ret.path("refunds")) {
            assertThat(refund.path("status").asText()).isEqualTo("succeeded");
            total = total.add(new BigDecimal(refund.path("amount").asText()));
        }
        return total;
    }

    private static BigDecimal refundableTotal(JsonNode ret) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode item : ret.path("return_items")) {
            if (item.path("exchange").isNull()) {
                total = total.add(new BigDecimal(item.path("refund_amount").asText()));
            }
        }
        return total;
    }
}

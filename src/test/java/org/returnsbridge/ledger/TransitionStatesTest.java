package org.returnsbridge.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.http.ResponseEntity;

/** Finance and store teams see where each return sits, from both the stock and the money side. */
class TransitionStatesTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";

    @Test
    void everyTransitionStateIsReportedAndFilterable() {
        Map<String, String> expected = new HashMap<>();
        ReturnJson inTransit = aReturn().status("shipped").item(newId(), SCARF, 1, "pending", null);
        expected.put(inTransit.id(), "AWAITING_GOODS");
        ReturnJson back = aReturn().status("received").item(newId(), SCARF, 1, "pending", null);
        expected.put(back.id(), "AWAITING_INSPECTION");
        String instantItem = newId();
        ReturnJson instant = aReturn().status("shipped").item(instantItem, SCARF, 1, "pending", null)
                .refund(newId(), "succeeded", "49.9500", instantItem, "49.9500");
        expected.put(instant.id(), "REFUNDED_NOT_RESTOCKED");
        ReturnJson restocked = aReturn().sellable(newId(), SCARF, 1);
        expected.put(restocked.id(), "RESTOCKED_NOT_REFUNDED");
        String closedItem = newId();
        String damagedItem = newId();
        ReturnJson closed = aReturn().sellable(closedItem, SCARF, 1).item(damagedItem, SCARF, 1, "rejected", null)
                .refund(newId(), "succeeded", "49.9500", closedItem, "49.9500");
        expected.put(closed.id(), "CLOSED");
        ReturnJson broken = aReturn().sellable(newId(), "99999-9", 1);
        expected.put(broken.id(), "EXCEPTION");
        for (ReturnJson r : new ReturnJson[] {inTransit, back, instant, restocked, closed, broken}) {
            sandbox.putReturn(r.json());
        }

        poll();

        JsonNode all = list("");
        Map<String, String> actual = new HashMap<>();
        all.path("returns").forEach(r -> actual.put(r.path("returnId").asText(), r.path("state").asText()));
        assertThat(actual).isEqualTo(expected);
        all.path("returns").forEach(r -> {
            assertThat(r.path("ageSeconds").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(r.path("ageInStateSeconds").asLong()).isGreaterThanOrEqualTo(0);
        });

        JsonNode onlyClosed = list("?state=closed");
        assertThat(onlyClosed.path("count").asInt()).isEqualTo(1);
        assertThat(onlyClosed.path("returns").get(0).path("returnId").asText()).isEqualTo(closed.id());
        assertThat(onlyClosed.path("returns").get(0).path("sales").get(0).path("state").asText()).isEqualTo("RECORDED");

        JsonNode one = asOperator().getForEntity("/api/returns/" + instant.id(), JsonNode.class).getBody();
        assertThat(one.path("state").asText()).isEqualTo("REFUNDED_NOT_RESTOCKED");
        assertThat(one.path("transitions").get(0).path("state").asText()).isEqualTo("REFUNDED_NOT_RESTOCKED");
    }

    @Test
    void dateRangeAndBadParametersAreHandled() {
        sandbox.putReturn(aReturn().sellable(newId(), SCARF, 1).json());
        poll();

        assertThat(list("?from=2020-01-01&to=2020-01-02").path("count").asInt()).isZero();
        assertThat(list("?from=2020-01-01").path("count").asInt()).isEqualTo(1);
        ResponseEntity<JsonNode> bad = asOperator().getForEntity("/api/returns?state=LOST", JsonNode.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody().path("detail").asText()).contains("AWAITING_GOODS");
        assertThat(asOperator().getForEntity("/api/returns?from=yesterday", JsonNode.class).getStatusCode().value())
                .isEqualTo(400);
    }

    private JsonNode list(String query) {
        ResponseEntity<JsonNode> response = asOperator().getForEntity("/api/returns" + query, JsonNode.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response.getBody();
    }
}

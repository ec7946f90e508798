package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.http.ResponseEntity;

class LedgerApiTest extends SandboxedBridgeTest {

    @Test
    void returnLedgerIsServedAsJson() {
        String sellable = newId();
        String damaged = newId();
        ReturnJson ret = aReturn().sellable(sellable, "10038-1", 1).item(damaged, "20417-M", 1, "accepted", "damaged");
        sandbox.putReturn(ret.json());
        poll();

        ResponseEntity<JsonNode> response = asOperator().getForEntity("/api/returns/" + ret.id(), JsonNode.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode lines = response.getBody().path("lines");
        assertThat(lines).hasSize(2);
        JsonNode restocked = lines.get(0).path("itemId").asText().equals(sellable) ? lines.get(0) : lines.get(1);
        assertThat(restocked.path("state").asText()).isEqualTo("RESTOCKED");
        assertThat(restocked.path("warehouseId").asInt()).isEqualTo(1);
        assertThat(restocked.path("sitooTransactionId").asLong()).isPositive();
        assertThat(restocked.path("restockedAt").asText()).endsWith("Z");
    }

    @Test
    void unknownReturnIs404() {
        ResponseEntity<JsonNode> response = asOperator().getForEntity("/api/returns/" + newId(), JsonNode.class);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getBody().path("detail").asText()).contains("no lines recorded");
    }
}

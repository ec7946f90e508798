package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The poll's overlap reads a return again while its state is unchanged: a state acted on with nothing left open is
 * not acted on again (its lines' ledger rows are not written), while a state whose pass left an exception is, and
 * two states sharing one whole-second updated_at are told apart by their content.
 */
class ActedOnStateTest extends SandboxedBridgeTest {

    private static final String SHIRT = "20417-M";
    private static final String SCARF = "10038-1";

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aStateActedOnWithNothingOpenIsNotActedOnAgainWhenTheOverlapReadsItAgain() {
        String held = newId();
        String restocked = newId();
        ReturnJson ret = aReturn().status("partly_accepted").item(held, SHIRT, 1, "pending", null)
                .sellable(restocked, SCARF, 1);
        sandbox.putReturn(ret.json());
        poll();
        assertThat(line(held).state()).isEqualTo(LineState.HELD);
        assertThat(line(restocked).state()).isEqualTo(LineState.RESTOCKED);
        Instant heldWritten = line(held).updatedAt();
        int pagesRead = sandbox.calls("reveni GET returns");

        poll();

        assertThat(sandbox.calls("reveni GET returns")).as("the second poll read the return again").isGreaterThan(pagesRead);
        assertThat(line(held).updatedAt()).as("the held line was not written again").isEqualTo(heldWritten);
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
        assertThat(stateDigest(ret.id())).isNotNull();
    }

    @Test
    void aStateWhosePassLeftAnExceptionIsActedOnAgain() {
        String item = newId();
        ReturnJson ret = aReturn().location("store-malmo-01").sellable(item, SCARF, 1); // not in locations.yaml
        sandbox.putReturn(ret.json());
        poll();
        assertThat(line(item).state()).isEqualTo(LineState.EXCEPTION);
        Instant written = line(item).updatedAt();

        poll();

        assertThat(line(item).updatedAt()).as("the line was seen again").isAfter(written);
        assertThat(line(item).state()).isEqualTo(LineState.EXCEPTION);
        assertThat(sandbox.stockLevels()).isEmpty();
    }

    @Test
    void aSettledStateIsActedOnAgainOnceALineOfItCameOpenSince() {
        String item = newId();
        ReturnJson ret = aReturn().status("received").item(item, SHIRT, 1, "pending", null);
        sandbox.putReturn(ret.json());
        poll();
        assertThat(stateDigest(ret.id())).as("settled").isNotNull();
        // As a refused batch stock-in leaves a line after its return's pass.
        jdbc.update("UPDATE return_line SET state = 'EXCEPTION' WHERE item_id = ?", item);
        Instant written = line(item).updatedAt();

        poll();

        assertThat(line(item).updatedAt()).as("the line was seen again").isAfter(written);
        assertThat(line(item).state()).isEqualTo(LineState.HELD);
    }

    @Test
    void twoStatesInOneSecondAreToldApartByTheirContent() {
        String item = newId();
        String second = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ReturnJson received = aReturn().status("received").item(item, SHIRT, 1, "pending", null);
        received.json().put("updated_at", second);
        sandbox.putReturnKeepingTimestamps(received.json());
        poll();
        assertThat(line(item).state()).isEqualTo(LineState.HELD);

        ReturnJson inspected = aReturn().sellable(item, SHIRT, 1);
        inspected.json().put("id", received.id()).put("updated_at", second);
        sandbox.putReturnKeepingTimestamps(inspected.json());
        poll();

        assertThat(line(item).state()).as("the same updated_at, another state").isEqualTo(LineState.RESTOCKED);
        assertThat(sandbox.stock(1, SHIRT)).isEqualByComparingTo("1");
    }

    private String stateDigest(String returnId) {
        var digests = jdbc.queryForList("SELECT state_digest FROM return_version WHERE return_id = ?", String.class,
                returnId);
        assertThat(digests).as("the return's version row").hasSize(1);
        return digests.get(0);
    }
}

package org.returnsbridge.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.returnsbridge.flow.PollCheckpoint;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A return dated in the future (a vendor clock error) is processed, but never drags the poll checkpoint
 * past the poll's own start: later real changes are still seen.
 */
class HostileTimeTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";
    /** The test contexts poll with an overlap of one hour. */
    private static final Duration OVERLAP = Duration.ofHours(1);

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private PollCheckpoint pollCheckpoint;

    @ParameterizedTest
    @ValueSource(strings = {"PT2H", "P1D", "P365D", "P36500D", "9999-12-31T23:59:59Z"})
    void futureDatedReturnIsProcessedButLaterChangesAreStillSeen(String ahead) {
        String futureItem = newId();
        ReturnJson future = aReturn().sellable(futureItem, SCARF, 1);
        future.json().put("updated_at", futureDate(ahead).toString());
        sandbox.putReturnKeepingTimestamps(future.json());
        Instant pollStart = Instant.now();

        poll();

        assertThat(line(futureItem).state()).as("a future date does not stop the return").isEqualTo(LineState.RESTOCKED);
        assertThat(checkpoint()).isBeforeOrEqualTo(Instant.now()).isAfterOrEqualTo(pollStart.minusSeconds(1));
        assertThat(jdbc.queryForObject("SELECT updated_at FROM return_version WHERE return_id = ?", OffsetDateTime.class,
                future.id()).toInstant()).as("a webhook must not find Reveni's real later changes stale")
                .isBeforeOrEqualTo(Instant.now().plus(OVERLAP));

        // A normal change, well after the checkpoint's overlap would have reached back from a future checkpoint.
        String laterItem = newId();
        sandbox.putReturn(aReturn().sellable(laterItem, SCARF, 2).json());
        // And the future-dated return itself corrected by Reveni (a webhook would have found it stale).
        future.json().put("updated_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        sandbox.putReturnKeepingTimestamps(future.json());

        poll();

        assertThat(line(laterItem).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(sandbox.stock(1, SCARF)).as("the future-dated line once, the later one once").isEqualByComparingTo("3");
        assertThat(checkpoint()).isBeforeOrEqualTo(Instant.now());
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1D", "P365D"})
    void aCheckpointAlreadySavedInTheFutureIsPulledBack(String ahead) {
        Instant poisoned = futureDate(ahead);
        pollCheckpoint.advanceTo(poisoned); // as a poll before the cap would have saved it
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, SCARF, 1).json());

        poll();

        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(checkpoint()).isBeforeOrEqualTo(Instant.now());
    }

    private static Instant futureDate(String ahead) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant date = ahead.startsWith("P") ? now.plus(Duration.parse(ahead)) : Instant.parse(ahead);
        assertThat(date).isAfter(now.plus(OVERLAP));
        return date;
    }

    private Instant checkpoint() {
        return jdbc.queryForObject("SELECT MAX(checkpoint_at) FROM poll_checkpoint WHERE name = 'reveni-returns'", OffsetDateTime.class).toInstant();
    }
}

package org.returnsbridge.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A failure that cannot be recorded is not lost: when the exception queue refuses the record, the poll
 * checkpoint stays at that return so the next poll reads it again, even when the page's parallel workers
 * finish a later return first.
 */
class UnrecordedFailureTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";

    @Autowired
    private JdbcTemplate jdbc;

    @BeforeEach
    void breakTheExceptionQueueOnDemand() {
        RefusingExceptionRecords.reset();
        jdbc.execute("CREATE TRIGGER IF NOT EXISTS refuse_exception_records BEFORE INSERT, UPDATE ON exception_record"
                + " FOR EACH ROW CALL '" + RefusingExceptionRecords.class.getName() + "'");
    }

    @AfterEach
    void mendIt() {
        jdbc.execute("DROP TRIGGER IF EXISTS refuse_exception_records");
        RefusingExceptionRecords.reset();
    }

    /**
     * {@code delay}: how long the refused write takes, so the page's later return finishes first (the race
     * the checkpoint used to lose). {@code failure}: where the failing return breaks.
     */
    @ParameterizedTest(name = "{0} failure, refused after {1} ms")
    @CsvSource({"line, 0", "line, 1500", "return, 0", "return, 1500", "refund, 1500", "undated, 1500"})
    void theCheckpointStaysAtAReturnWhoseFailureCouldNotBeRecorded(String failure, long delay) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant failedAt = now.minus(30, ChronoUnit.MINUTES);
        String failedItem = newId();
        ReturnJson failed = switch (failure) {
            case "line" -> aReturn().sellable(failedItem, SCARF, 0);
            case "refund" -> aReturn().sellable(failedItem, SCARF, 1).refund(newId(), "succeeded", "-49.9500",
                    failedItem, "-49.9500");
            default -> aReturn().sellable(failedItem, SCARF, 1);
        };
        failed.json().put("updated_at", failedAt.toString());
        if (failure.equals("return")) {
            failed.json().remove("return_items");
        }
        if (failure.equals("undated")) {
            failed.json().remove("updated_at");
            sandbox.putRawResult(failedAt.toString(), failed.json().toString());
        } else {
            sandbox.putReturnKeepingTimestamps(failed.json());
        }
        String sameP = newId();
        String nextPage = newId();
        putAt(aReturn().sellable(sameP, SCARF, 1), now.minus(20, ChronoUnit.MINUTES)); // page 1, beside it
        putAt(aReturn().sellable(nextPage, SCARF, 1), now.minus(10, ChronoUnit.MINUTES)); // page 2
        RefusingExceptionRecords.refuse(failed.id(), delay);

        poll();

        assertThat(line(sameP).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(line(nextPage).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(exceptionsFor("return:" + failed.id())).isEmpty();
        Instant checkpoint = checkpoint();
        if (checkpoint != null) {
            assertThat(checkpoint).as("never past the return whose failure was not recorded").isBeforeOrEqualTo(failedAt);
        }

        RefusingExceptionRecords.reset(); // the database is back
        poll();

        assertThat(exceptions.findOpen()).as("recorded on the next poll")
                .anySatisfy(r -> {
                    assertThat(r.returnId()).isEqualTo(failed.id());
                    assertThat(r.category()).isEqualTo(ExceptionCategory.INVALID_RETURN);
                });
        assertThat(checkpoint()).isAfterOrEqualTo(now.minus(10, ChronoUnit.MINUTES));
        // The two beside it once each, and the refund case's own valid line once: nothing twice.
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo(failure.equals("refund") ? "3" : "2");
    }

    private void putAt(ReturnJson ret, Instant updatedAt) {
        ret.json().put("updated_at", updatedAt.toString());
        sandbox.putReturnKeepingTimestamps(ret.json());
    }

    private Instant checkpoint() {
        OffsetDateTime at = jdbc.queryForObject("SELECT MAX(checkpoint_at) FROM poll_checkpoint WHERE name = 'reveni-returns'", OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}

package org.returnsbridge.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A permanent exception re-met on every poll of the overlap window, unchanged, is logged once and counted
 * once; a changed return is a new attempt, logged again.
 */
@ExtendWith(OutputCaptureExtension.class)
class PermanentExceptionLoggedOnceTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";
    private static final int POLLS = 5;

    @org.springframework.beans.factory.annotation.Autowired
    private org.returnsbridge.exceptions.ExceptionOperations operations;

    @ParameterizedTest
    @ValueSource(strings = {"INVALID_RETURN line", "UNKNOWN_SKU", "UNMAPPED_LOCATION", "INVALID_RETURN return",
            "INVALID_RETURN refund"})
    void anUnchangedPermanentFailureIsLoggedOnceAndItsAttemptsStayAtOne(String kind, CapturedOutput output) {
        String item = newId();
        String refund = newId();
        ReturnJson ret = switch (kind) {
            case "UNKNOWN_SKU" -> aReturn().sellable(item, "77777-1", 1);
            case "UNMAPPED_LOCATION" -> aReturn().location("nowhere-" + newId().substring(0, 6)).sellable(item, SCARF, 1);
            case "INVALID_RETURN refund" -> aReturn().sellable(item, SCARF, 1).refund(refund, "succeeded", "-1.0000",
                    item, "-1.0000");
            default -> aReturn().sellable(item, SCARF, 0);
        };
        if (kind.equals("INVALID_RETURN return")) {
            ret.json().remove("return_items");
        }
        ret.json().put("updated_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60).toString());
        sandbox.putReturnKeepingTimestamps(ret.json());
        String key = switch (kind) {
            case "INVALID_RETURN return" -> "return:" + ret.id();
            case "INVALID_RETURN refund" -> "refund:" + refund;
            default -> item;
        };

        for (int i = 0; i < POLLS; i++) {
            poll();
        }

        ExceptionRecord record = exceptionsFor(key).get(0);
        assertThat(record.category().name()).isEqualTo(kind.split(" ")[0]);
        assertThat(record.attempts()).as("nothing changed, nobody replayed").isEqualTo(1);
        assertThat(warningsFor(output, key)).as("one WARN over " + POLLS + " polls").isEqualTo(1);
        assertThat(record.lastSeen()).isAfter(record.firstSeen().minusMillis(1));

        // Reveni changes the return (a new version): that is news, logged and counted again.
        ret.json().put("updated_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        ret.json().put("note", "edited");
        sandbox.putReturnKeepingTimestamps(ret.json());
        poll();
        poll();

        assertThat(exceptionsFor(key).get(0).attempts()).isEqualTo(2);
        assertThat(warningsFor(output, key)).isEqualTo(2);
        assertThat(exceptions.find(null, ExceptionCategory.INTERNAL_ERROR)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aReplayByAPersonIsAnAttemptAndIsLogged(CapturedOutput output) {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, "77777-1", 1).json());
        poll();
        poll();
        ExceptionRecord record = exceptionsFor(item).get(0);
        assertThat(record.attempts()).isEqualTo(1);

        operations.replay(record.id()); // still no such product in Sitoo

        assertThat(exceptionsFor(item).get(0).attempts()).isEqualTo(2);
        assertThat(exceptionsFor(item).get(0).category()).isEqualTo(ExceptionCategory.UNKNOWN_SKU);
        assertThat(warningsFor(output, item)).isEqualTo(2);
    }

    private static int warningsFor(CapturedOutput output, String key) {
        Matcher m = Pattern.compile("WARN.*Exception \\d+ \\[\\w+\\] for " + Pattern.quote(key) + ":").matcher(output.getAll());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}

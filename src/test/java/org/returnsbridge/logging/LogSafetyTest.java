package org.returnsbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Vendor text cannot forge a log line: a line break (or another control character) in a reject reason,
 * a SKU or an id is written escaped, on the one line of its event. With BRIDGE_LOG_FORMAT=ecs every line
 * is a JSON object carrying returnId, itemId and refundId as fields.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogSafetyTest extends SandboxedBridgeTest {

    private static final Logger log = LoggerFactory.getLogger(LogSafetyTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORGED = "12:00:00.000 INFO  [/] o.r.flow.Restocker - Restocked +100 FORGED";

    @ParameterizedTest(name = "break {index}")
    @ValueSource(strings = {"\n", "\r\n", "\r", "\n\n", "\u2028", "\u2029", "\u0085", "\r\r\n"})
    void aLineBreakInVendorTextStaysOnItsLine(String lineBreak, CapturedOutput output) {
        String marker = newId();
        log.warn("Exception 7 [REJECTED] for {}: {}", marker, "damaged" + lineBreak + FORGED);

        List<String> lines = lines(output);
        assertThat(lines).noneMatch(line -> line.startsWith(FORGED));
        assertThat(lines.stream().filter(line -> line.contains(marker))).singleElement().satisfies(line -> {
            assertThat(line).contains("damaged").endsWith("FORGED");
        });
        if (lineBreak.contains("\n")) {
            assertThat(output.getOut()).contains("damaged\\n");
        }
    }

    @ParameterizedTest(name = "control {index}")
    @ValueSource(strings = {"\u001b[2J\u001b[31m", "\u0000", "\u0008\u0008\u0008", "\u000b", "\u000c", "\u007f"})
    void otherControlCharactersAreReplaced(String control, CapturedOutput output) {
        String marker = newId();
        log.warn("SKU {} unknown: {}", marker, "10038" + control + "-1");

        String line = lines(output).stream().filter(l -> l.contains(marker)).findFirst().orElseThrow();
        assertThat(line).contains("10038?").doesNotContain(control);
    }

    @Test
    void aLineBreakInAnExceptionMessageCannotForgeALineButTheStackTraceKeepsItsLines(CapturedOutput output) {
        String marker = newId();
        log.error("Stock-in {} failed", marker, new IllegalStateException("Sitoo answered 400: bad\n" + FORGED,
                new RuntimeException("cause\r\n" + FORGED)));

        List<String> lines = lines(output);
        assertThat(lines).noneMatch(line -> line.startsWith(FORGED));
        assertThat(output.getOut()).contains("java.lang.IllegalStateException: Sitoo answered 400: bad\\n" + FORGED)
                .contains("Caused by: java.lang.RuntimeException: cause\\n" + FORGED);
        assertThat(lines).anyMatch(line -> line.startsWith("\tat org.returnsbridge.logging.LogSafetyTest"));
        assertThat(lines.stream().filter(line -> line.contains("IllegalStateException: Sitoo answered 400")))
                .as("the trace is written once").hasSize(1);
    }

    @Test
    void aLineBreakInAnIdInTheLogContextStaysOnItsLine(CapturedOutput output) {
        String marker = newId();
        MDC.put("returnId", "abc\n" + FORGED);
        try {
            log.info("context {}", marker);
        } finally {
            MDC.remove("returnId");
        }

        assertThat(lines(output)).noneMatch(line -> line.startsWith(FORGED));
        assertThat(lines(output).stream().filter(l -> l.contains(marker))).singleElement()
                .satisfies(line -> assertThat(line).contains("[abc?12:00"));
    }

    @Test
    void aRejectReasonWithALineBreakCannotForgeALineThroughTheFlow(CapturedOutput output) {
        String item = newId();
        ReturnJson ret = aReturn().item(item, "10038-1", 1, "rejected", "damaged");
        ((ObjectNode) ret.json().path("return_items").get(0)).put("reject_reason", "scratched\n" + FORGED);
        sandbox.putReturn(ret.json());

        poll();

        // The integrators' route logs "Not restocking <line>: <decision reason>", the reason quoting Reveni's.
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("scratched\\n" + FORGED));
        assertThat(lines(output)).noneMatch(line -> line.startsWith(FORGED));
        assertThat(line(item).state().name()).isEqualTo("NOT_RESTOCKED");
        assertThat(sandbox.stockLevels()).isEmpty();
    }

    @Test
    void aVendorSkuWithALineBreakCannotForgeALineThroughTheFlow(CapturedOutput output) {
        String item = newId();
        ReturnJson ret = aReturn().sellable(item, "EVIL\n" + FORGED, 1);
        sandbox.putReturn(ret.json());

        poll();

        await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("EVIL\\n"));
        assertThat(lines(output)).noneMatch(line -> line.startsWith(FORGED));
        assertThat(sandbox.stockLevels()).isEmpty();
    }

    @Test
    void structuredJsonLogsCarryTheIdsAsFields(CapturedOutput output) {
        String marker = newId();
        try (ConfigurableApplicationContext ignored = logging("--BRIDGE_LOG_FORMAT=ecs")) {
            MDC.put("returnId", "4e26c9f08f2a468fabc16af12ae0209b");
            MDC.put("itemId", "9b0c3f7a5d2e4c1b8a6f0e9d7c5b3a19");
            MDC.put("refundId", "d1e2f3a4b5c6478899aabbccddeeff00");
            try {
                log.warn("Exception {} for a reason with a break:\n" + FORGED, marker);
            } finally {
                MDC.clear();
            }
        } finally {
            logging().close(); // back to the text pattern for the tests that follow in this JVM
        }

        String line = lines(output).stream().filter(l -> l.contains(marker)).findFirst().orElseThrow();
        JsonNode json;
        try {
            json = JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not one JSON object: " + line, e);
        }
        assertThat(json.path("message").asText()).contains(marker).contains("\n" + FORGED);
        assertThat(json.path("returnId").asText()).isEqualTo("4e26c9f08f2a468fabc16af12ae0209b");
        assertThat(json.path("itemId").asText()).isEqualTo("9b0c3f7a5d2e4c1b8a6f0e9d7c5b3a19");
        assertThat(json.path("refundId").asText()).isEqualTo("d1e2f3a4b5c6478899aabbccddeeff00");
        assertThat(json.path("log.level").asText(json.path("log").path("level").asText())).isEqualTo("WARN");
        assertThat(json.path("nodeId").asText()).as("the node's id, to tell several nodes' lines apart").isNotBlank();
        assertThat(lines(output)).noneMatch(l -> l.startsWith(FORGED));
    }

    /**
     * Spring Boot's logging set up again from application.yml alone (no bridge), with these arguments. Boot
     * sets logging up once per JVM while a context is open (the cached test context is), so it is cleaned up
     * first; closing the returned context cleans it up again.
     */
    private static ConfigurableApplicationContext logging(String... args) {
        LoggingSystem.get(LogSafetyTest.class.getClassLoader()).cleanUp();
        return new SpringApplicationBuilder(NothingButLogging.class).web(WebApplicationType.NONE).run(args);
    }

    private static List<String> lines(CapturedOutput output) {
        return Arrays.asList(output.getOut().split("\n", -1));
    }

    /** A source with no beans and no annotation (a nested @Configuration would become the test's context). */
    static class NothingButLogging {
    }
}

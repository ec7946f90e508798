package org.returnsbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.slf4j.LoggerFactory;

/**
 * The unit of work's ids reach every log line of it through camel-mdc, with no code putting them in the
 * log context by hand: on the worker threads of the splits and on the thread of an async redelivery.
 */
class LogContextTest extends SandboxedBridgeTest {

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void capture() {
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(captured);
        sandbox.sitooFaults("{}");
    }

    @Test
    void aLineWhoseSitooCallsAreRedeliveredLogsEveryAttemptAndItsOutcomeWithItsReturnAndItemIds() {
        String item = newId();
        ReturnJson ret = aReturn().sellable(item, "10038-1", 1);
        sandbox.putReturn(ret.json());
        // Half of Sitoo's answers fail; this seed's draws fail the first request (the product lookup) and no other.
        sandbox.sitooFaults("{\"seed\": 1016002234952, \"rate500\": 0.5}");

        poll();

        await().atMost(Duration.ofSeconds(20)).until(() -> line(item).state() == LineState.RESTOCKED);
        List<ILoggingEvent> events = events();
        List<ILoggingEvent> redeliveries = events.stream()
                .filter(e -> e.getFormattedMessage().startsWith("Redelivery ")).toList();
        assertThat(redeliveries).as("redelivery attempts logged").isNotEmpty().allSatisfy(e -> {
            assertThat(e.getMDCPropertyMap()).containsEntry("returnId", ret.id()).containsEntry("itemId", item);
        });
        assertThat(events).filteredOn(e -> e.getFormattedMessage().startsWith("Restocked +1 10038-1"))
                .singleElement().satisfies(e -> {
                    assertThat(e.getMDCPropertyMap()).containsEntry("returnId", ret.id()).containsEntry("itemId", item);
                    assertThat(e.getThreadName()).isNotEqualTo(Thread.currentThread().getName());
                });
        assertThat(sandbox.callsAnswered("sitoo", 500)).isEqualTo(1);
    }

    @Test
    void aLineThatExhaustsItsRedeliveriesIsFiledWithItsIdsWhileThePollsOwnLinesCarryNone() {
        String failing = newId();
        ReturnJson ret = aReturn().sellable(failing, "10038-1", 1);
        sandbox.putReturn(ret.json());
        sandbox.sitooFaults("{\"rate500\": 1.0}");

        poll();

        await().atMost(Duration.ofSeconds(20)).until(() -> line(failing).state() == LineState.EXCEPTION);
        List<ILoggingEvent> events = events();
        // Three redeliveries (bridge.redelivery.max-redeliveries in the tests), the later ones on Camel's redelivery thread.
        assertThat(events).filteredOn(e -> e.getFormattedMessage().startsWith("Redelivery ")).hasSize(3)
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("returnId", ret.id())
                        .containsEntry("itemId", failing))
                .extracting(ILoggingEvent::getThreadName).anyMatch(thread -> !thread.contains("return-line-worker"));
        assertThat(events).filteredOn(e -> e.getFormattedMessage().contains("[SITOO_UNAVAILABLE] for " + failing))
                .singleElement().satisfies(e -> assertThat(e.getMDCPropertyMap())
                        .containsEntry("returnId", ret.id()).containsEntry("itemId", failing));
        // The poll's own summary line belongs to no return.
        assertThat(events).filteredOn(e -> e.getFormattedMessage().startsWith("Reveni "))
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).doesNotContainKeys("returnId", "itemId"));
    }

    @Test
    void aRefundIsRecordedWithItsReturnAndRefundIdsAndNoItemId() {
        String item = newId();
        String refund = newId();
        ReturnJson ret = aReturn().location("store-goteborg-01").sellable(item, "10038-1", 1)
                .refund(refund, "succeeded", "49.9500", item, "49.9500");
        sandbox.putReturn(ret.json());

        poll();

        assertThat(events()).filteredOn(e -> e.getFormattedMessage().startsWith("Recorded refund " + refund))
                .singleElement().satisfies(e -> assertThat(e.getMDCPropertyMap())
                        .containsEntry("returnId", ret.id()).containsEntry("refundId", refund).doesNotContainKey("itemId"));
        assertThat(events()).filteredOn(e -> e.getFormattedMessage().startsWith("Restocked +1 10038-1"))
                .singleElement().satisfies(e -> assertThat(e.getMDCPropertyMap())
                        .containsEntry("itemId", item).doesNotContainKey("refundId"));
    }

    private List<ILoggingEvent> events() {
        synchronized (captured.list) {
            return new ArrayList<>(captured.list);
        }
    }
}

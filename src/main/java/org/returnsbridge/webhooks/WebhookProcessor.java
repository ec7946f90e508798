package org.returnsbridge.webhooks;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.returnsbridge.ledger.ReturnVersions;
import org.returnsbridge.reveni.ReturnParser;
import org.returnsbridge.reveni.ReveniClient;
import org.returnsbridge.reveni.ReveniReturn;
import org.returnsbridge.support.StripedLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on a stored event. The event is a hint: the return it carries ({@code data.object}, or a fresh read
 * from Reveni when it carries none) is what counts, and it goes through exactly the poll's flow. An event
 * older than a state the bridge already acted on is skipped: the ledger only moves forward.
 */
public class WebhookProcessor {

    private static final Logger log = LoggerFactory.getLogger(WebhookProcessor.class);

    private final WebhookInbox inbox;
    private final ReturnVersions versions;
    private final ReturnParser parser;
    private final ReveniClient reveni;
    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final StripedLocks returnLocks = new StripedLocks(64);

    public WebhookProcessor(WebhookInbox inbox, ReturnVersions versions, ReturnParser parser, ReveniClient reveni,
                            ProducerTemplate camel, ObjectMapper json) {
        this.inbox = inbox;
        this.versions = versions;
        this.parser = parser;
        this.reveni = reveni;
        this.camel = camel;
        this.json = json;
    }

    public void process(String eventId) throws Exception {
        var stored = inbox.find(eventId);
        if (stored.isEmpty()) {
            return;
        }
        JsonNode event = json.readTree(stored.get().payload());
        // Several workers take events; those of one return still go one after the other, so a newer
        // state is never overtaken halfway by an older one.
        ReentrantLock lock = returnLocks.forKey(returnIdOf(event));
        lock.lock();
        try {
            processLocked(eventId, event);
        } finally {
            lock.unlock();
        }
    }

    private static String returnIdOf(JsonNode event) {
        JsonNode data = event.path("data");
        return data.path("object").path("id").asText(data.path("resource_id").asText(""));
    }

    private void processLocked(String eventId, JsonNode event) throws Exception {
        if (!"RECEIVED".equals(inbox.status(eventId))) {
            return; // processed already (the sweep and the queue can both hold it)
        }
        JsonNode object = event.path("data").path("object");
        if (!object.isObject()) {
            String returnId = event.path("data").path("resource_id").asText(null);
            object = returnId == null ? null : reveni.fetchReturn(returnId).orElse(null);
        }
        if (object == null) {
            inbox.markDone(eventId, "SKIPPED", "the event names no return the bridge can read");
            return;
        }
        try {
            ReveniReturn ret = parser.parse(object);
            if (versions.isStale(ret.id(), ret.updatedAt())) {
                inbox.markDone(eventId, "SKIPPED", "older (" + ret.updatedAt() + ") than the state already processed");
                log.info("Skipped webhook event {} for return {}: it arrived after a newer state", eventId, ret.id());
                return;
            }
        } catch (RuntimeException invalid) {
            // The return route files it as INVALID_RETURN with its reason.
        }
        camel.sendBody("direct:return", object);
        inbox.markDone(eventId, "PROCESSED", null);
    }

    /** Events received but never processed (a crash, a lost wake-up). */
    public void processLeftovers() throws Exception {
        for (String id : inbox.findUnprocessed(Duration.ofSeconds(5), 500)) {
            process(id);
        }
    }
}

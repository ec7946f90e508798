package org.returnsbridge.webhooks;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.returnsbridge.claims.Claims;
import org.returnsbridge.claims.ReturnClaims;
import org.returnsbridge.flow.ReturnFlow;
import org.returnsbridge.ledger.ReturnVersions;
import org.returnsbridge.reveni.ReturnParser;
import org.returnsbridge.reveni.ReveniClient;
import org.returnsbridge.reveni.ReveniReturn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on a stored event. The event is a hint: the return it carries ({@code data.object}, or a fresh read
 * from Reveni when it carries none) is what counts, and it goes through exactly the poll's flow. An event
 * older than a state the bridge already acted on is skipped: the ledger only moves forward.
 *
 * <p>Any node may store an event (behind a load balancer); one node at a time works on one return's events,
 * holding the return's claim ({@link ReturnClaims}) and taking them oldest first. A node that finds the
 * return claimed leaves its event to the holder, which looks for newly arrived events before and after
 * letting the claim go, so none waits for the inbox sweep.
 */
public class WebhookProcessor {

    private static final Logger log = LoggerFactory.getLogger(WebhookProcessor.class);

    private final WebhookInbox inbox;
    private final ReturnVersions versions;
    private final ReturnParser parser;
    private final ReveniClient reveni;
    private final ReturnFlow flow;
    private final ObjectMapper json;
    private final ReturnClaims returnClaims;
    private final Claims claims;

    public WebhookProcessor(WebhookInbox inbox, ReturnVersions versions, ReturnParser parser, ReveniClient reveni,
                            ReturnFlow flow, ObjectMapper json, ReturnClaims returnClaims, Claims claims) {
        this.inbox = inbox;
        this.versions = versions;
        this.parser = parser;
        this.reveni = reveni;
        this.flow = flow;
        this.json = json;
        this.returnClaims = returnClaims;
        this.claims = claims;
    }

    public void process(String eventId) throws Exception {
        var stored = inbox.find(eventId);
        if (stored.isEmpty()) {
            return;
        }
        // Several workers on several nodes take events; those of one return still go one after the other, so a
        // newer state is never overtaken halfway by an older one.
        String returnId = stored.get().returnId();
        String claimKey = returnId != null ? returnId : "event:" + eventId;
        do {
            String token = claims.newToken();
            if (!returnClaims.tryClaim(claimKey, token)) {
                log.debug("Return {} is being processed elsewhere; its holder takes event {} too", claimKey, eventId);
                return;
            }
            try {
                drainClaimed(claimKey, token, returnId, eventId);
            } finally {
                returnClaims.release(claimKey, token);
            }
            // An event stored while the claim was held, whose worker found the return claimed, is taken now.
        } while (returnId != null && !inbox.receivedOf(returnId).isEmpty());
    }

    /** Every waiting event of the return, oldest first, until none is left (or the claim lapsed to another node). */
    private void drainClaimed(String claimKey, String token, String returnId, String eventId) throws Exception {
        while (true) {
            List<String> waiting = returnId != null ? inbox.receivedOf(returnId)
                    : "RECEIVED".equals(inbox.status(eventId)) ? List.of(eventId) : List.of();
            if (waiting.isEmpty()) {
                return;
            }
            for (String id : waiting) {
                var event = inbox.find(id);
                if (event.isPresent()) {
                    processClaimed(id, json.readTree(event.get().payload()));
                }
                if (!returnClaims.renew(claimKey, token)) {
                    log.warn("The claim on return {} lapsed while its events were processed; its new holder goes on",
                            claimKey);
                    return;
                }
            }
        }
    }

    private void processClaimed(String eventId, JsonNode event) throws Exception {
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
        flow.process(object);
        inbox.markDone(eventId, "PROCESSED", null);
    }

    /** Events received but never processed (a crash, a lost wake-up). */
    public void processLeftovers() throws Exception {
        for (String id : inbox.findUnprocessed(Duration.ofSeconds(5), 500)) {
            process(id);
        }
    }
}

package org.returnsbridge.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.ProducerTemplate;
import org.returnsbridge.BridgeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives Reveni's {@code return.created} / {@code return.updated} events. Checks, in this order: the
 * body claims to be JSON (else 415), the signature over the raw bytes (else 401; nothing is parsed before
 * that), the body parses as an event (else 400). An accepted event is stored in the inbox before the 2xx,
 * then processed asynchronously through the same flow as the poll; a repeated event id is acknowledged
 * and ignored. Every outcome is counted; the key and the signature are never logged.
 */
@RestController
public class ReveniWebhookController {

    private static final Logger log = LoggerFactory.getLogger(ReveniWebhookController.class);

    private final ReveniSignature signature;
    private final WebhookInbox inbox;
    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Clock clock;
    private final long maxBodyBytes;

    public ReveniWebhookController(ReveniSignature signature, WebhookInbox inbox, ProducerTemplate camel,
                                   ObjectMapper json, MeterRegistry meters, Clock clock, BridgeProperties props) {
        this.signature = signature;
        this.inbox = inbox;
        this.camel = camel;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
        this.maxBodyBytes = props.limits().maxPageBytes();
    }

    @PostMapping("/webhooks/reveni")
    public ResponseEntity<Map<String, Object>> receive(
            @RequestHeader(value = "X-REVENI-SIGNATURE", required = false) String signatureHeader,
            @RequestHeader(value = "Content-Type", required = false) String contentType,
            HttpServletRequest request) throws IOException {
        if (contentType == null || !MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return answer(415, "unsupported_media_type", "send the event as Content-Type: application/json");
        }
        byte[] raw = readLimited(request);
        if (raw == null) {
            return answer(413, "too_large", "an event may be at most " + maxBodyBytes + " bytes");
        }
        ReveniSignature.Verdict verdict = signature.verify(signatureHeader, raw, clock.instant());
        if (verdict != ReveniSignature.Verdict.VALID) {
            return answer(401, "signature_" + verdict.name().toLowerCase(), switch (verdict) {
                case MISSING -> "X-REVENI-SIGNATURE is missing";
                case MALFORMED -> "X-REVENI-SIGNATURE must carry t=<unix seconds> and v1=<hex>";
                case STALE -> "the signature's timestamp is outside the accepted window";
                default -> "the signature does not match the body";
            });
        }
        JsonNode event;
        try {
            event = json.readTree(new String(raw, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return answer(400, "malformed_json", "the body is not valid JSON: " + e.getOriginalMessage());
        }
        String id = event == null ? null : event.path("id").asText(null);
        String type = event == null ? null : event.path("event").asText(null);
        if (id == null || id.isBlank() || id.length() > 64 || type == null) {
            return answer(400, "not_an_event", "an event needs an id (at most 64 characters) and an event type");
        }
        String returnId = event.path("data").path("resource_id").asText(null);
        if (!inbox.store(new WebhookInbox.Event(id, type, returnId, event.toString()))) {
            count("duplicate");
            return ResponseEntity.ok(Map.of("status", "duplicate", "id", id));
        }
        try {
            camel.sendBody(WebhookRoutes.EVENTS, id);
        } catch (RuntimeException queueFull) {
            // Stored already: the inbox sweep picks it up.
            log.warn("Webhook event {} stored; processing deferred to the inbox sweep: {}", id, queueFull.getMessage());
        }
        count("accepted");
        return ResponseEntity.accepted().body(Map.of("status", "accepted", "id", id));
    }

    /** The raw bytes (the signature covers exactly them), or null past the limit: never read unbounded. */
    private byte[] readLimited(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] raw = in.readNBytes((int) Math.min(maxBodyBytes + 1, Integer.MAX_VALUE));
            return raw.length > maxBodyBytes ? null : raw;
        }
    }

    private ResponseEntity<Map<String, Object>> answer(int status, String outcome, String detail) {
        count(outcome);
        log.warn("Refused a Reveni webhook ({}): {}", status, detail);
        return ResponseEntity.status(status).body(Map.of("detail", detail));
    }

    private void count(String outcome) {
        meters.counter("bridge.webhooks.received", "outcome", outcome).increment();
    }
}

package org.returnsbridge.webhooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.support.RequestDates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives Reveni's {@code return.created} / {@code return.updated} events. What the headers alone decide is
 * decided before a byte of the body is read: Content-Type (missing or not JSON 415, unparseable 400), the
 * signature header (absent or without a v1 401, malformed or an impossible timestamp 400, outside the
 * tolerance 401), Content-Length (above the limit 413). The body is then read against a process-wide budget
 * of bytes in flight (spent: 503 with Retry-After), capped (413) and within a deadline (408), and only then
 * is the HMAC checked over the raw bytes (401) and the event parsed (400). An accepted event is stored in
 * the inbox before the 2xx, then processed asynchronously through the same flow as the poll; a repeated
 * event id is acknowledged and ignored. Every outcome is counted; the key and the signature are never logged.
 */
@RestController
public class ReveniWebhookController {

    private static final Logger log = LoggerFactory.getLogger(ReveniWebhookController.class);

    /** The inbox's columns (V5): Reveni's ids are 32 hex characters, event types a few words. */
    static final int MAX_ID_LENGTH = 64;

    private final ReveniSignature signature;
    private final WebhookInbox inbox;
    private final WebhookEvents events;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Clock clock;
    private final WebhookBodyBudget budget;
    private final long maxBodyBytes;
    private final Duration readTimeout;
    private final AtomicLong nextRefusalLog = new AtomicLong(System.nanoTime());
    private final AtomicLong refusedQuietly = new AtomicLong();

    public ReveniWebhookController(ReveniSignature signature, WebhookInbox inbox, WebhookEvents events,
                                   ObjectMapper json, MeterRegistry meters, Clock clock, WebhookBodyBudget budget,
                                   BridgeProperties props) {
        this.signature = signature;
        this.inbox = inbox;
        this.events = events;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
        this.budget = budget;
        this.maxBodyBytes = props.webhooks().maxBodyBytes();
        this.readTimeout = props.webhooks().readTimeout();
    }

    @PostMapping("/webhooks/reveni")
    public ResponseEntity<Map<String, Object>> receive(
            @RequestHeader(value = "X-REVENI-SIGNATURE", required = false) String signatureHeader,
            @RequestHeader(value = "Content-Type", required = false) String contentType,
            HttpServletRequest request) throws IOException {
        ResponseEntity<Map<String, Object>> refused = checkContentType(contentType);
        if (refused != null) {
            return refused;
        }
        ReveniSignature.Header header = signature.checkHeader(signatureHeader, clock.instant());
        switch (header.verdict()) {
            case MISSING:
                return answer(401, "signature_missing", "X-REVENI-SIGNATURE is missing, or carries no v1 signature");
            case MALFORMED:
                return answer(400, "signature_malformed", "X-REVENI-SIGNATURE must be t=<unix seconds>,v1=<hex>, with t"
                        + " a plain number of seconds (at most 12 digits, an optional fraction)");
            case STALE:
                return answer(401, "signature_stale", "the signature's timestamp is outside the accepted window");
            default:
                break;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            return answer(413, "too_large", "an event may be at most " + maxBodyBytes + " bytes");
        }
        try (WebhookBodyBudget.Share share = budget.tryTake(declared >= 0 ? declared : maxBodyBytes)) {
            if (share == null) {
                long retryAfter = Math.max(1, readTimeout.toSeconds());
                count("busy");
                logRefusal(503, budget.inFlight() + " bytes of webhook bodies are being read already");
                return ResponseEntity.status(503).header("Retry-After", Long.toString(retryAfter))
                        .body(Map.of("detail", "too many webhook bodies are being received at once; retry in "
                                + retryAfter + " s"));
            }
            return receiveBody(header, declared, request);
        }
    }

    private ResponseEntity<Map<String, Object>> receiveBody(ReveniSignature.Header header, long declared,
                                                            HttpServletRequest request) throws IOException {
        byte[] raw;
        try {
            raw = readLimited(request, declared);
        } catch (BodyTimeout slow) {
            return answer(408, "too_slow", "the body did not arrive within " + readTimeout.toSeconds() + " s");
        } catch (IOException broken) {
            // The sender stalled past Tomcat's connection timeout, or went away: likely nobody reads this answer.
            boolean timedOut = broken instanceof java.net.SocketTimeoutException
                    || broken.getCause() instanceof java.net.SocketTimeoutException;
            return timedOut ? answer(408, "too_slow", "the body stopped arriving")
                    : answer(400, "unreadable", "the body could not be read to its end");
        }
        if (raw == null) {
            return answer(413, "too_large", "an event may be at most " + maxBodyBytes + " bytes");
        }
        ReveniSignature.Verdict verdict = signature.verify(header, raw);
        if (verdict != ReveniSignature.Verdict.VALID) {
            return answer(401, "signature_mismatch", "the signature does not match the body");
        }
        JsonNode event;
        try {
            event = json.readTree(raw);
        } catch (JsonProcessingException e) {
            return answer(400, "malformed_json", "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (event == null || !event.isObject()) {
            return answer(400, "not_an_event", "an event is a JSON object with an id and an event type");
        }
        String id = text(event.path("id"));
        String type = text(event.path("event"));
        String returnId = text(event.path("data").path("resource_id"));
        String problem = idProblem("id", id, true);
        problem = problem != null ? problem : idProblem("event", type, true);
        problem = problem != null ? problem : idProblem("data.resource_id", returnId, false);
        if (problem != null) {
            return answer(400, "not_an_event", problem);
        }
        if (!inbox.store(new WebhookInbox.Event(id, type, returnId, event.toString()))) {
            count("duplicate");
            return ResponseEntity.ok(Map.of("status", "duplicate", "id", id));
        }
        try {
            events.queue(id);
        } catch (RuntimeException queueFull) {
            // Stored already: the inbox sweep picks it up.
            log.warn("Webhook event {} stored; processing deferred to the inbox sweep: {}", id, queueFull.getMessage());
        }
        count("accepted");
        return ResponseEntity.accepted().body(Map.of("status", "accepted", "id", id));
    }

    /** Missing or another type: 415. Not a media type at all (or a charset that does not exist): 400. */
    private ResponseEntity<Map<String, Object>> checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return answer(415, "unsupported_media_type", "send the event as Content-Type: application/json");
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return answer(400, "invalid_media_type", "Content-Type '" + RequestDates.echo(contentType)
                    + "' is not a valid media type: send application/json");
        }
        if (!"application".equalsIgnoreCase(type.getType()) || !"json".equalsIgnoreCase(type.getSubtype())) {
            return answer(415, "unsupported_media_type", "send the event as Content-Type: application/json");
        }
        if (type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
            return answer(415, "unsupported_media_type", "JSON events are UTF-8: send application/json without"
                    + " a charset, or with charset=utf-8");
        }
        return null;
    }

    /** A scalar's text; null for a missing field, null, an object or an array. */
    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static String idProblem(String field, String value, boolean required) {
        if (value == null) {
            return required ? "an event needs " + field + " (a string)" : null;
        }
        if (value.isBlank()) {
            return field + " must not be blank";
        }
        if (value.length() > MAX_ID_LENGTH) {
            return field + " must be at most " + MAX_ID_LENGTH + " characters, got " + value.length();
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return field + " must not contain control characters";
        }
        return null;
    }

    /**
     * The raw bytes (the signature covers exactly them), or null past the limit: never read unbounded, and
     * never for longer than the read timeout (checked between reads; one read waits at most Tomcat's
     * connection timeout).
     */
    private byte[] readLimited(HttpServletRequest request, long declared) throws IOException, BodyTimeout {
        long deadline = System.nanoTime() + readTimeout.toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream(declared >= 0 ? (int) declared : 8192);
        byte[] chunk = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                if (body.size() + (long) n > maxBodyBytes) {
                    return null;
                }
                body.write(chunk, 0, n);
                if (System.nanoTime() - deadline > 0) {
                    throw new BodyTimeout();
                }
            }
        }
        return body.toByteArray();
    }

    private static final class BodyTimeout extends Exception {
        BodyTimeout() {
            super(null, null, false, false);
        }
    }

    private ResponseEntity<Map<String, Object>> answer(int status, String outcome, String detail) {
        count(outcome);
        logRefusal(status, detail);
        return ResponseEntity.status(status).body(Map.of("detail", detail));
    }

    /**
     * At most one line a second, saying how many more were refused in between: a flood of hostile requests
     * must not become a flood of log lines (every refusal is counted in bridge.webhooks.received anyway).
     */
    private void logRefusal(int status, String detail) {
        long now = System.nanoTime();
        long next = nextRefusalLog.get();
        if (now - next >= 0 && nextRefusalLog.compareAndSet(next, now + Duration.ofSeconds(1).toNanos())) {
            long quiet = refusedQuietly.getAndSet(0);
            log.warn("Refused a Reveni webhook ({}): {}{}", status, detail, quiet == 0 ? ""
                    : " (and " + quiet + " more refused since the previous such line)");
        } else {
            refusedQuietly.incrementAndGet();
        }
    }

    private void count(String outcome) {
        meters.counter("bridge.webhooks.received", "outcome", outcome).increment();
    }
}

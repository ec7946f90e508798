package org.returnsbridge.reveni;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Reveni return reduced to what the bridge acts on, plus the raw JSON it came from (kept for
 * exception records, so a replay starts from exactly what Reveni sent).
 */
public record ReveniReturn(
        String id,
        String status,
        String type,
        Instant updatedAt,
        String locationId,
        List<ReturnItem> items,
        String currency,
        String orderExternalId,
        List<Refund> refunds,
        JsonNode raw) {

    /** Goods are still on their way (or not sent yet): nothing can be inspected. */
    public boolean isInTransit() {
        return switch (status) {
            case "incomplete", "in_progress", "shipped" -> true;
            default -> false;
        };
    }

    public boolean isCancelled() {
        return "cancelled".equals(status);
    }

    public boolean isRejected() {
        return "rejected".equals(status);
    }

    /** Goods are back and Reveni is inspecting or has inspected them: item outcomes can be acted on. */
    public boolean isBackForInspection() {
        return switch (status) {
            case "received", "for_review", "accepted", "partly_accepted" -> true;
            default -> false;
        };
    }

    /**
     * SHA-256 of the JSON Reveni sent for this state (Base64, 43 characters), or null without it: two reads of the
     * return with the same digest showed the same state. Whole-second updated_at cannot tell two states apart.
     */
    public String stateDigest() {
        if (raw == null) {
            return null;
        }
        try {
            byte[] json = raw.toString().getBytes(StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException notInThisJvm) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", notInThisJvm);
        }
    }
}

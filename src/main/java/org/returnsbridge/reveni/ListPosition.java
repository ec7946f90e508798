package org.returnsbridge.reveni;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where one element of Reveni's returns list stands: the list is ordered by {@code updated_at}, then
 * {@code id}. Read from the raw element, before (and whether or not) the rest of it parses, because the
 * poll's cursor must move past a return that turns out to be invalid.
 */
public record ListPosition(Instant updatedAt, String id) {

    /** The element's position, or empty when its {@code updated_at} or {@code id} cannot be read. */
    public static Optional<ListPosition> of(JsonNode element) {
        if (element == null || !element.isObject()) {
            return Optional.empty();
        }
        String id = text(element.get("id"));
        if (id == null) {
            return Optional.empty();
        }
        return ReturnParser.timestamp(text(element.get("updated_at"))).map(updatedAt -> new ListPosition(updatedAt, id));
    }

    private static String text(JsonNode value) {
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText().trim() : null;
    }
}

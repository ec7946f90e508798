package org.returnsbridge.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON and HTTP plumbing shared by every sandbox API: one mapper, parsing, sending, path matching. */
final class JsonHttp {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonHttp() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiError.badRequest("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiError.badRequest("request body could not be read: " + e.getMessage());
        }
    }

    static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiError.badRequest("request body does not fit " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialize " + value.getClass(), e);
        }
    }

    static String toText(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialize " + value.getClass(), e);
        }
    }

    static void send(HttpExchange exchange, HttpAnswer answer) {
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            boolean empty = answer.body().length == 0;
            exchange.sendResponseHeaders(answer.status(), empty ? -1 : answer.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } catch (IOException e) {
            // The client went away (killed by a test, timed out); the sandbox's state is already settled.
        } finally {
            exchange.close();
        }
    }

    /**
     * Matches segments against a pattern such as {@code "stores/{store}/returns/{id}"}; literal parts must
     * be equal, {@code {name}} parts capture. Empty when the shape differs.
     */
    static Optional<Map<String, String>> match(String pattern, List<String> segments) {
        String[] parts = pattern.isEmpty() ? new String[0] : pattern.split("/");
        if (parts.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> captured = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{") && part.endsWith("}")) {
                captured.put(part.substring(1, part.length() - 1), segments.get(i));
            } else if (!part.equals(segments.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(captured);
    }

    /** Reads an int field that the caller must send as a JSON integer (ids, types). */
    static Optional<Integer> intField(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return Optional.of(value.intValue());
        }
        if (value.isTextual() && value.asText().trim().matches("-?\\d{1,9}")) {
            return Optional.of(Integer.parseInt(value.asText().trim()));
        }
        throw ApiError.badRequest(field + " must be an integer, was " + value);
    }

    /** Reads a long field such as a unix-seconds date, sent as a JSON integer. */
    static Optional<Long> longField(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(value.longValue());
        }
        throw ApiError.badRequest(field + " must be an integer (unix seconds), was " + value);
    }

    static Optional<String> textField(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiError.badRequest(field + " must be a string, was " + value);
        }
        return Optional.of(value.asText());
    }
}

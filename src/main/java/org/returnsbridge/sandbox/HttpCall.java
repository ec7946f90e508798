package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One incoming request, already split into what the APIs route on: the method, the path segments
 * after the API's prefix, and the decoded query. The body is read lazily, once.
 */
final class HttpCall {

    private final HttpExchange exchange;
    private final List<String> segments;
    private final Map<String, String> query;
    private byte[] body;

    private HttpCall(HttpExchange exchange, List<String> segments, Map<String, String> query) {
        this.exchange = exchange;
        this.segments = segments;
        this.query = query;
    }

    /** Splits the path after {@code prefix} (e.g. "/sandbox") into decoded, non-empty segments. */
    static HttpCall of(HttpExchange exchange, String prefix) {
        String rawPath = exchange.getRequestURI().getRawPath();
        String rest = rawPath.length() > prefix.length() ? rawPath.substring(prefix.length()) : "";
        List<String> segments = new ArrayList<>();
        for (String part : rest.split("/")) {
            if (!part.isEmpty()) {
                segments.add(decode(part, false));
            }
        }
        return new HttpCall(exchange, Collections.unmodifiableList(segments),
                parseQuery(exchange.getRequestURI().getRawQuery()));
    }

    String method() {
        return exchange.getRequestMethod().toUpperCase();
    }

    List<String> segments() {
        return segments;
    }

    boolean is(String method) {
        return method().equals(method);
    }

    Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name)).filter(value -> !value.isBlank());
    }

    /** A comma list parameter such as {@code sku=a,b} or {@code status=accepted,rejected}; empty when absent. */
    List<String> queryList(String name) {
        return query(name).map(value -> Arrays.stream(value.split(","))
                        .map(String::trim).filter(part -> !part.isEmpty()).toList())
                .orElse(List.of());
    }

    int queryInt(String name, int fallback) {
        return query(name).map(value -> parseInt(name, value)).orElse(fallback);
    }

    Optional<Long> queryLong(String name) {
        return query(name).map(value -> {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest(name + " must be an integer, was '" + value + "'");
            }
        });
    }

    boolean queryFlag(String name, boolean fallback) {
        return query(name).map(value -> Boolean.parseBoolean(value.trim())).orElse(fallback);
    }

    String rawPath() {
        return exchange.getRequestURI().getRawPath();
    }

    /** The query exactly as sent (still encoded), so links built from it keep the caller's parameters. */
    String rawQuery() {
        String raw = exchange.getRequestURI().getRawQuery();
        return raw == null ? "" : raw;
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    byte[] body() {
        if (body == null) {
            try {
                body = exchange.getRequestBody().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("could not read request body", e);
            }
        }
        return body;
    }

    JsonNode jsonBody() {
        byte[] bytes = body();
        if (bytes.length == 0) {
            throw ApiError.badRequest("request body is empty, JSON expected");
        }
        return JsonHttp.parse(bytes);
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be an integer, was '" + value + "'");
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            result.putIfAbsent(key, value);
        }
        return result;
    }

    private static String decode(String text, boolean plusIsSpace) {
        // In a path '+' is a literal plus; only the query uses form encoding.
        String escaped = plusIsSpace ? text : text.replace("+", "%2B");
        try {
            return URLDecoder.decode(escaped, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}

package org.returnsbridge.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the sandbox sends back for one request: status, headers and an already serialized body. */
record HttpAnswer(int status, byte[] body, Map<String, String> headers) {

    static HttpAnswer json(int status, Object value) {
        return new HttpAnswer(status, JsonHttp.toBytes(value), Map.of());
    }

    /** For bodies assembled by hand, e.g. Reveni pages with planted raw elements or deliberately broken JSON. */
    static HttpAnswer jsonText(int status, String text) {
        return new HttpAnswer(status, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    HttpAnswer withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpAnswer(status, body, Map.copyOf(copy));
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}

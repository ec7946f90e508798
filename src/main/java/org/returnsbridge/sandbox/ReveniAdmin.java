package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Reveni half of the admin API ({@code /sandbox/reveni/...}): shape what the fake Reveni serves. */
final class ReveniAdmin {

    private final ReveniStore store;
    private final WebhookSender webhooks;

    ReveniAdmin(ReveniStore store, WebhookSender webhooks) {
        this.store = store;
        this.webhooks = webhooks;
    }

    /** @param path segments after {@code /sandbox/reveni} */
    HttpAnswer handle(HttpCall call, List<String> path) {
        if (JsonHttp.match("returns", path).isPresent() && call.is("GET")) {
            return HttpAnswer.json(200, store.all());
        }
        Optional<Map<String, String>> one = JsonHttp.match("returns/{id}", path);
        if (one.isPresent()) {
            return handleOne(call, one.get().get("id"));
        }
        if (JsonHttp.match("raw-results", path).isPresent() && call.is("POST")) {
            return plantRawResult(call);
        }
        if (JsonHttp.match("corrupt-next-pages", path).isPresent() && call.is("POST")) {
            int count = call.queryInt("count", 1);
            if (count < 0) {
                throw ApiError.badRequest("count must not be negative");
            }
            store.corruptNextPages(count);
            return HttpAnswer.json(200, Map.of("corruptPagesLeft", store.corruptPagesLeft()));
        }
        if (JsonHttp.match("webhooks", path).isPresent() && call.is("GET")) {
            return HttpAnswer.json(200, store.webhooks());
        }
        if (JsonHttp.match("webhooks/resend-all", path).isPresent() && call.is("POST")) {
            return HttpAnswer.json(200, Map.of("resent", webhooks.resendAll()));
        }
        if (JsonHttp.match("webhook-deliveries", path).isPresent() && call.is("GET")) {
            return HttpAnswer.json(200, webhooks.deliveries());
        }
        if (JsonHttp.match("webhook-faults", path).isPresent()) {
            return webhookFaults(call);
        }
        throw ApiError.notFound("no admin endpoint " + call.method() + " " + call.rawPath());
    }

    private HttpAnswer handleOne(HttpCall call, String id) {
        switch (call.method()) {
            case "PUT" -> {
                JsonNode body = call.jsonBody();
                if (!body.isObject()) {
                    throw ApiError.badRequest("a return must be a JSON object");
                }
                ObjectNode ret = JsonHttp.object();
                ret.put("id", id); // first, as Reveni shows it
                ret.setAll((ObjectNode) body);
                ret.put("id", id); // the path names the return; a different id in the body would be a typo
                return HttpAnswer.json(200, store.put(ret, call.queryFlag("keepTimestamps", false)));
            }
            case "GET" -> {
                return store.get(id).map(ret -> HttpAnswer.json(200, ret))
                        .orElseThrow(() -> ApiError.notFound("no return " + id));
            }
            case "DELETE" -> {
                if (!store.remove(id)) {
                    throw ApiError.notFound("no return " + id);
                }
                return HttpAnswer.jsonText(204, "");
            }
            default -> throw new ApiError(405, "use PUT, GET or DELETE");
        }
    }

    private HttpAnswer webhookFaults(HttpCall call) {
        switch (call.method()) {
            case "PUT" -> webhooks.faults().configure(JsonHttp.convert(call.jsonBody(), WebhookFaultSettings.class));
            case "DELETE" -> webhooks.faults().clear();
            case "GET" -> {
                // just report
            }
            default -> throw new ApiError(405, "use PUT, GET or DELETE");
        }
        return HttpAnswer.json(200, webhooks.faults().settings());
    }

    private HttpAnswer plantRawResult(HttpCall call) {
        JsonNode body = call.jsonBody();
        String updatedAt = JsonHttp.textField(body, "updated_at")
                .orElseThrow(() -> ApiError.badRequest("updated_at is required"));
        String raw = JsonHttp.textField(body, "raw")
                .orElseThrow(() -> ApiError.badRequest("raw is required: the text to splice into list pages"));
        store.addRawResult(ReveniStore.parseTimestamp(updatedAt), raw);
        return HttpAnswer.json(200, Map.of("updated_at", updatedAt, "raw", raw));
    }
}

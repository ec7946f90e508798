package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Reveni's merchant API as the contract describes it, under {@code /reveni/merchants/v0}: bearer auth,
 * the paged returns list, one return by id, and webhook registration.
 */
final class ReveniSandboxApi implements VendorApi {

    static final String PREFIX = "/reveni/merchants/v0";

    private final SandboxSettings settings;
    private final ReveniStore store;
    private final Function<HttpCall, String> baseUrlOf;
    private final Random webhookIds;

    /** @param baseUrlOf scheme and authority as the caller reached us, for absolute next/previous links */
    ReveniSandboxApi(SandboxSettings settings, ReveniStore store, Function<HttpCall, String> baseUrlOf) {
        this.settings = settings;
        this.store = store;
        this.baseUrlOf = baseUrlOf;
        this.webhookIds = new Random(settings.randomSeed());
    }

    @Override
    public String vendor() {
        return "reveni";
    }

    @Override
    public String callName(HttpCall call) {
        List<String> segments = call.segments();
        String resource = segments.size() >= 3 ? segments.get(2) : "other";
        if (resource.equals("returns") && segments.size() == 4) {
            resource = "return";
        }
        return call.method() + " " + resource;
    }

    @Override
    public boolean commitsState(HttpCall call) {
        return false;
    }

    @Override
    public HttpAnswer error(int status, String message) {
        return HttpAnswer.json(status, Map.of("detail", message));
    }

    @Override
    public HttpAnswer handle(HttpCall call) {
        requireApiKey(call);
        List<String> segments = call.segments();
        if (segments.size() < 2 || !segments.get(0).equals("stores")) {
            throw ApiError.notFound("Not found.");
        }
        if (!segments.get(1).equals(settings.reveniStoreId())) {
            throw ApiError.notFound("Store not found.");
        }
        if (JsonHttp.match("stores/{store}/returns", segments).isPresent()) {
            requireMethod(call, "GET");
            return listReturns(call);
        }
        Optional<Map<String, String>> one = JsonHttp.match("stores/{store}/returns/{id}", segments);
        if (one.isPresent()) {
            requireMethod(call, "GET");
            return store.get(one.get().get("id"))
                    .map(ret -> HttpAnswer.json(200, ret))
                    .orElseThrow(() -> ApiError.notFound("Not found."));
        }
        if (JsonHttp.match("stores/{store}/webhooks", segments).isPresent()) {
            requireMethod(call, "POST");
            return registerWebhook(call);
        }
        throw ApiError.notFound("Not found.");
    }

    private void requireApiKey(HttpCall call) {
        String header = call.header("Authorization").orElse("");
        if (header.isBlank()) {
            throw new ApiError(401, "Authentication credentials were not provided.");
        }
        boolean bearer = header.regionMatches(true, 0, "Bearer ", 0, 7);
        if (!bearer || !header.substring(7).trim().equals(settings.reveniApiKey())) {
            throw new ApiError(401, "Invalid API key.");
        }
    }

    private static void requireMethod(HttpCall call, String method) {
        if (!call.is(method)) {
            throw new ApiError(405, "Method \"" + call.method() + "\" not allowed.");
        }
    }

    private HttpAnswer listReturns(HttpCall call) {
        Instant updatedAfter = call.query("updated_after").map(ReveniStore::parseTimestamp).orElse(null);
        Set<String> statuses = new HashSet<>(call.queryList("status"));
        boolean corrupt = store.takeCorruptPage();
        String body;
        try {
            body = ReveniReturnPage.render(store.list(updatedAfter, statuses), call, baseUrlOf.apply(call));
        } catch (ApiError invalidPage) {
            if (!corrupt) {
                throw invalidPage;
            }
            body = JsonHttp.toText(Map.of("detail", invalidPage.getMessage()));
        }
        if (corrupt) {
            // Cut mid-body: the brackets never balance, so no JSON parser can accept it.
            return HttpAnswer.jsonText(200, body.substring(0, body.length() / 2));
        }
        return HttpAnswer.jsonText(200, body);
    }

    private HttpAnswer registerWebhook(HttpCall call) {
        JsonNode body = call.jsonBody();
        JsonNode eventTypes = body.path("event_types");
        if (!eventTypes.isArray() || eventTypes.isEmpty()) {
            throw ApiError.badRequest("event_types must be a non-empty list");
        }
        List<String> types = new ArrayList<>();
        eventTypes.forEach(type -> types.add(type.asText()));
        String url = body.path("url").asText("");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw ApiError.badRequest("url must be an http(s) URL");
        }
        String id;
        synchronized (webhookIds) {
            id = Ids.hex32(webhookIds);
        }
        WebhookRegistration registration = store.registerWebhook(types, url, id);
        ObjectNode answer = JsonHttp.MAPPER.valueToTree(registration);
        return HttpAnswer.json(201, answer);
    }
}

package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Reveni webhook event, serialized and signed once, so that every copy sent (retries, injected
 * duplicates, every registered URL) carries byte-identical body and signature, as a real re-delivery would.
 */
record WebhookEvent(String id, String type, String returnId, byte[] body, String signature) {

    static final String CREATED = "return.created";
    static final String UPDATED = "return.updated";

    static WebhookEvent of(String id, String type, long createdSeconds, ObjectNode snapshot, String apiKey) {
        ObjectNode event = JsonHttp.object();
        event.put("id", id);
        event.put("event", type);
        event.put("created", createdSeconds);
        ObjectNode data = event.putObject("data");
        // Copied as stored, whatever their JSON type: the sandbox serves back what the admin put.
        data.set("amount", snapshot.get("amount"));
        data.set("status", snapshot.get("status"));
        data.set("currency", snapshot.get("currency"));
        data.put("resource", "return");
        String returnId = snapshot.path("id").asText();
        data.put("resource_id", returnId);
        data.set("object", snapshot);
        byte[] body = JsonHttp.toBytes(event);
        return new WebhookEvent(id, type, returnId, body, WebhookSignature.header(apiKey, createdSeconds, body));
    }
}

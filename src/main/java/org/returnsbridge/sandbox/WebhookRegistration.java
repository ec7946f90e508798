package org.returnsbridge.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A URL registered through Reveni's {@code POST /stores/{store_id}/webhooks}. */
record WebhookRegistration(String id, @JsonProperty("event_types") List<String> eventTypes, String url) {
}

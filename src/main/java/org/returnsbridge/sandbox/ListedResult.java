package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One element of a Reveni list page. Raw planted elements have no parseable id or status, so the sort key and
 * the status used for filtering are kept beside the text. A stored return is written out only when its page is
 * rendered: a list of 400 000 returns is filtered and counted on every page request, and writing every one of
 * them each time made the sandbox, not the bridge, the bound of a large backlog.
 *
 * @param status null when unknown (raw text that is not a return): such elements pass every status filter
 * @param node   the stored return (never changed once stored), or null for a raw element
 * @param raw    the planted text, or null for a stored return
 */
record ListedResult(Instant updatedAt, String sortId, String status, JsonNode node, String raw) {

    static ListedResult planted(Instant updatedAt, String sortId, String status, String raw) {
        return new ListedResult(updatedAt, sortId, status, null, raw);
    }

    static ListedResult stored(Instant updatedAt, String id, JsonNode node) {
        return new ListedResult(updatedAt, id, node.path("status").asText(null), node, null);
    }

    /** The element as it goes into the page. */
    String json() {
        return raw != null ? raw : JsonHttp.toText(node);
    }
}

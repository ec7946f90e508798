package org.returnsbridge.reveni;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One page of Reveni's returns list: the raw elements (parsed one by one later, so a bad one only
 * costs itself) and whether there is a next page. {@code readable} is false when the page itself was not
 * JSON; {@code nextUrl} then points at the following page number so a reader can carry on. (The poll
 * only asks {@link #hasNext()}: it builds its next URL by keyset, see flow.ReturnsCursor.)
 */
public record ReturnsPage(String url, boolean readable, String problem, List<JsonNode> results, String nextUrl) {

    public boolean hasNext() {
        return nextUrl != null;
    }
}

package org.returnsbridge.reveni;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Reveni gateway route as Java code sees it (Camel's bean proxy): the JSON Reveni answered, a
 * {@linkplain JsonNode#isMissingNode() missing node} for a 404, or what the route failed with
 * ({@link ReveniUnavailableException}, {@link ReveniAnswerNotJsonException},
 * {@link org.returnsbridge.support.ResponseTooLargeException}).
 */
public interface ReveniCall {

    JsonNode send(ReveniRequest request);
}

package org.returnsbridge.sitoo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Sitoo gateway route as Java code sees it: Camel's bean proxy (ProxyBuilder) sends the request to
 * the route's endpoint and answers its JSON, or throws what the route failed with
 * ({@link SitooUnavailableException}, {@link SitooRejectedException}).
 */
public interface SitooCall {

    JsonNode send(SitooRequest request);
}

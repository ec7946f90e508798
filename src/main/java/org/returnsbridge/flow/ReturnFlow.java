package org.returnsbridge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.InOnly;

/**
 * The return route ({@link ReturnRoutes#RETURN}) as Java code sees it: Camel's bean proxy sends the
 * return to the route and the call comes back once the route has finished with it. A return the route
 * cannot process is filed by the route's error policy; only what escapes it is thrown here.
 */
public interface ReturnFlow {

    /** One return as Reveni sends it (the raw JSON: the route parses it and files it if invalid). */
    @InOnly
    void process(JsonNode rawReturn);
}

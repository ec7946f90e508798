package org.returnsbridge.flow;

import org.apache.camel.InOnly;

/**
 * The line route ({@link ReturnRoutes#RETURN_LINE}) as Java code sees it: one line of a return through
 * open, decide, the two lookups and the integrators' choice, synchronously (Camel's bean proxy).
 */
public interface LineFlow {

    @InOnly
    void process(ReturnLine line);
}

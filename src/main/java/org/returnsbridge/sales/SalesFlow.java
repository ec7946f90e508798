package org.returnsbridge.sales;

import org.apache.camel.InOnly;
import org.returnsbridge.reveni.ReveniReturn;

/**
 * The sales route ({@link SalesRoutes#RETURN_SALES}) as Java code sees it (Camel's bean proxy): the
 * refunds and exchanges of one return into Sitoo, finished when the call returns.
 */
public interface SalesFlow {

    @InOnly
    void record(ReveniReturn ret);
}

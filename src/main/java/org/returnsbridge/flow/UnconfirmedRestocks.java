package org.returnsbridge.flow;

import org.apache.camel.InOnly;

/**
 * The settle route ({@link SweepRoutes#SETTLE_UNCONFIRMED}) as Java code sees it (Camel's bean proxy):
 * start-up settles what a crash left unconfirmed through the sweep's own route, so the database step and
 * each line's ids show there as they do on the schedule.
 */
public interface UnconfirmedRestocks {

    @InOnly
    void settle();
}

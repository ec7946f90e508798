package org.returnsbridge.flow;

import org.apache.camel.InOnly;

/**
 * The poll route ({@link PollRoutes#POLL}) as Java code sees it: one poll of Reveni from the checkpoint,
 * outside the schedule (a replay of a failed poll), finished when the call returns (Camel's bean proxy).
 */
public interface PollFlow {

    @InOnly
    void poll();
}

package org.returnsbridge.flow;

import org.quartz.CronExpression;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.connections.BridgeMode;

/** When the poll fires: the configured Quartz cron, or a default that suits the mode. */
public record PollSchedule(String cron) {

    static final String LIVE_DEFAULT = "0 * * * * ?";
    static final String SANDBOX_DEFAULT = "0/10 * * * * ?";

    public static PollSchedule of(BridgeProperties.Poll poll, BridgeMode mode) {
        String cron = poll.cron() == null || poll.cron().isBlank()
                ? (mode == BridgeMode.SANDBOX ? SANDBOX_DEFAULT : LIVE_DEFAULT)
                : poll.cron().trim();
        if (!CronExpression.isValidExpression(cron)) {
            throw new IllegalStateException("BRIDGE_POLL_CRON '" + cron + "' is not a valid Quartz cron expression"
                    + " (six or seven fields, seconds first, e.g. '0 * * * * ?' for every minute)");
        }
        return new PollSchedule(cron);
    }
}

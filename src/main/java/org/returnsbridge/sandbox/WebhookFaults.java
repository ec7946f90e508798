package org.returnsbridge.sandbox;

import java.util.Random;

/**
 * Decides, per event and URL, whether the webhook sender misbehaves. Like {@link FaultInjector}, all draws
 * come from one seeded Random under one lock, so the same sequence of changes meets the same faults.
 */
final class WebhookFaults {

    private WebhookFaultSettings settings = WebhookFaultSettings.NONE;
    private Random random = new Random(0);

    synchronized void configure(WebhookFaultSettings newSettings) {
        settings = newSettings;
        random = new Random(newSettings.seed());
    }

    synchronized void clear() {
        configure(WebhookFaultSettings.NONE);
    }

    synchronized WebhookFaultSettings settings() {
        return settings;
    }

    synchronized boolean duplicate() {
        return settings.rateDuplicate() > 0 && random.nextDouble() < settings.rateDuplicate();
    }

    synchronized boolean holdBack() {
        return settings.rateReorder() > 0 && random.nextDouble() < settings.rateReorder();
    }

    /** The lane of a return's events to one URL: always the same for the return, so its events stay in order. */
    synchronized int laneOf(String returnId) {
        return settings.lanes() <= 1 || returnId == null ? 0 : Math.floorMod(returnId.hashCode(), settings.lanes());
    }

    synchronized long delayMillis() {
        return settings.delayMillis();
    }
}

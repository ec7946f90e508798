package org.returnsbridge.sandbox;

import java.time.Clock;
import java.util.Optional;

/**
 * All state of one sandbox in one place: both vendors' data, their fault injectors, the call counts, the
 * trickle and Reveni's webhook sender. Holding it together is what makes {@code POST /sandbox/reset} a true clean slate.
 */
final class SandboxWorld {

    private final ReveniStore reveni;
    private final SitooStore sitoo;
    private final FaultInjector reveniFaults;
    private final FaultInjector sitooFaults;
    private final CallCounter calls = new CallCounter();
    private final ReturnsTrickle trickle;
    private final WebhookSender webhooks;

    SandboxWorld(SandboxSettings settings, Clock clock) {
        this.reveni = new ReveniStore(clock);
        this.sitoo = new SitooStore(clock);
        this.reveniFaults = new FaultInjector(clock);
        this.sitooFaults = new FaultInjector(clock);
        this.trickle = new ReturnsTrickle(reveni, settings.randomSeed());
        this.webhooks = new WebhookSender(settings, reveni, clock);
        reveni.addListener(webhooks);
        if (settings.seedDefaults()) {
            DefaultSeed.applyTo(sitoo);
        }
    }

    ReveniStore reveni() {
        return reveni;
    }

    SitooStore sitoo() {
        return sitoo;
    }

    FaultInjector reveniFaults() {
        return reveniFaults;
    }

    FaultInjector sitooFaults() {
        return sitooFaults;
    }

    Optional<FaultInjector> faults(String vendor) {
        return switch (vendor) {
            case "reveni" -> Optional.of(reveniFaults);
            case "sitoo" -> Optional.of(sitooFaults);
            default -> Optional.empty();
        };
    }

    CallCounter calls() {
        return calls;
    }

    ReturnsTrickle trickle() {
        return trickle;
    }

    WebhookSender webhooks() {
        return webhooks;
    }

    /** Forgets everything; the trickle (if running) keeps ticking and starts over with new returns. */
    void reset(boolean seedDefaults) {
        trickle.forgetAll();
        reveni.reset(); // registrations included
        webhooks.reset();
        sitoo.reset();
        reveniFaults.clear();
        sitooFaults.clear();
        calls.reset();
        if (seedDefaults) {
            DefaultSeed.applyTo(sitoo);
        }
    }
}

package org.returnsbridge.scheduling;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * When this node takes scheduled work from the cluster. Quartz's clustered scheduler fires each trigger on whichever
 * node acquires it first, so a node must not acquire any before its routes run (a trigger fired into a route that is
 * not started yet is silently lost to the whole cluster): {@code BridgeStartup} opens it last, once every scheduled
 * route is started. On shutdown it is the first thing to stop ({@link ShutdownPhases#STOP_TAKING_WORK}): standby
 * releases the triggers this node acquired but has not fired, and acquires no more, so the other nodes carry on.
 */
@Component
public class ScheduledWork implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduledWork.class);

    private final Scheduler scheduler;
    private volatile boolean open;

    public ScheduledWork(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts taking scheduled work: called once every scheduled route is running. */
    public void open() throws SchedulerException {
        scheduler.start();
        open = true;
        log.info("Scheduler {} (instance {}) takes scheduled work, clustered: {}", scheduler.getSchedulerName(),
                scheduler.getSchedulerInstanceId(), scheduler.getMetaData().isJobStoreClustered());
    }

    /** False once the node is shutting down: long work (a poll's next page) stops at its next safe point. */
    public boolean isOpen() {
        return open;
    }

    @Override
    public void stop() {
        if (!open) {
            return;
        }
        open = false;
        try {
            scheduler.standby();
            log.info("Shutting down: scheduler {} takes no more scheduled work; other nodes carry on",
                    scheduler.getSchedulerInstanceId());
        } catch (SchedulerException e) {
            log.warn("Shutting down: the scheduler did not go to standby ({}); it stops with the context", e.getMessage());
        }
    }

    /** Opened by BridgeStartup, not by Spring: the routes it schedules must be running first. */
    @Override
    public boolean isAutoStartup() {
        return false;
    }

    @Override
    public void start() {
        // Only open() starts it; a context restart through Lifecycle is not something the bridge does.
    }

    @Override
    public boolean isRunning() {
        return open;
    }

    @Override
    public int getPhase() {
        return ShutdownPhases.STOP_TAKING_WORK;
    }
}

package org.returnsbridge.scheduling;

import org.springframework.context.SmartLifecycle;

/**
 * The order a node stops in on SIGTERM, as Spring lifecycle phases (the highest phase stops first), and the 30 s
 * budget they share (Kubernetes' default terminationGracePeriodSeconds; a plain {@code docker stop} gives 10 s
 * unless told {@code -t 30}). Spring Boot marks the node not ready (readiness REFUSING_TRAFFIC) before any of these.
 * <ol>
 *   <li>{@link #STOP_TAKING_WORK}: {@link ScheduledWork} puts this node's Quartz scheduler in standby, so it
 *       acquires no more triggers (another node fires them), and a poll in progress stops after its current
 *       page. Instant.</li>
 *   <li>Tomcat's graceful shutdown (Spring Boot, phase {@code DEFAULT_PHASE - 1024}): requests in flight (webhooks,
 *       the API) finish, new connections are refused; at most {@code BRIDGE_SHUTDOWN_PHASE_TIMEOUT} (default 10 s).</li>
 *   <li>Camel ({@code SpringCamelContext}, phase {@code DEFAULT_PHASE - 2049}): routes stop and in-flight exchanges
 *       (the page being polled, queued webhook events, a sweep) finish; after {@code BRIDGE_SHUTDOWN_CAMEL_TIMEOUT}
 *       seconds (default 15) they are cut short. That is safe: a restock's intent is in the ledger before Sitoo is
 *       called, and another node settles it by reading Sitoo back.</li>
 *   <li>Once Camel has stopped (its {@code CamelContextStoppedEvent}), nothing of this node is in progress any
 *       more: {@code claims.ClaimRelease} hands back every claim the node still holds, so another node need not
 *       wait for them to expire.</li>
 *   <li>Bean destruction: the Quartz scheduler shuts down without waiting (its jobs ended with Camel's routes),
 *       then the connection pool closes.</li>
 * </ol>
 * 10 s + 15 s leaves 5 s of the 30 for the JVM, the rest of the context and a slow database.
 */
public final class ShutdownPhases {

    /** Stops first: no more scheduled work is taken. */
    public static final int STOP_TAKING_WORK = SmartLifecycle.DEFAULT_PHASE;

    private ShutdownPhases() {}
}

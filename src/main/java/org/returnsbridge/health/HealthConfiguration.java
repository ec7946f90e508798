package org.returnsbridge.health;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.quartz.CronExpression;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.flow.PollCheckpoint;
import org.returnsbridge.flow.PollSchedule;
import org.returnsbridge.reveni.ReveniConfiguration;
import org.returnsbridge.sitoo.SitooConfiguration;
import org.returnsbridge.sitoo.SitooGatewayRoutes;
import org.returnsbridge.support.VendorReachability;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bridge's own health indicators, named by their bean names without "HealthIndicator": {@code sitoo},
 * {@code reveni}, {@code poll} (the database's, {@code db}, is Spring Boot's). Which probe group each belongs to
 * is in application.yml ({@code management.endpoint.health.group}); docs/operations.md, "Health", says why.
 */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

    /** How many of the cron's next turns are looked at for its longest gap (a cron need not be regular). */
    private static final int TURNS_LOOKED_AT = 48;

    @Bean
    SitooHealthIndicator sitooHealthIndicator(@Qualifier(SitooConfiguration.REACHABILITY) VendorReachability calls,
                                              @Qualifier(SitooGatewayRoutes.CIRCUIT_BREAKER) CircuitBreaker breaker,
                                              HealthProperties props, Clock clock) {
        return new SitooHealthIndicator(new Reachability(calls, props, clock), breaker);
    }

    @Bean
    ReveniHealthIndicator reveniHealthIndicator(@Qualifier(ReveniConfiguration.REACHABILITY) VendorReachability calls,
                                                HealthProperties props, Clock clock) {
        return new ReveniHealthIndicator(new Reachability(calls, props, clock));
    }

    @Bean
    PollHealthIndicator pollHealthIndicator(PollCheckpoint checkpoint, PollSchedule schedule, BridgeProperties bridge,
                                            HealthProperties props, Clock clock) {
        Duration interval = longestGap(schedule.cron());
        if (bridge.poll().enabled() && props.maxPollLag().compareTo(interval) <= 0) {
            throw new IllegalStateException("BRIDGE_HEALTH_MAX_POLL_LAG (" + props.maxPollLag() + ") must exceed the"
                    + " poll's interval (" + interval + " between turns of BRIDGE_POLL_CRON '" + schedule.cron() + "')");
        }
        return new PollHealthIndicator(checkpoint, bridge.poll().enabled(), schedule.cron(), props.maxPollLag(), clock);
    }

    /** The longest wait between two turns of the cron over its next few turns. */
    static Duration longestGap(String cron) {
        try {
            CronExpression expression = new CronExpression(cron);
            Date turn = expression.getNextValidTimeAfter(new Date());
            Duration longest = Duration.ZERO;
            for (int i = 0; i < TURNS_LOOKED_AT && turn != null; i++) {
                Date next = expression.getNextValidTimeAfter(turn);
                if (next != null) {
                    Duration gap = Duration.between(turn.toInstant(), next.toInstant());
                    longest = gap.compareTo(longest) > 0 ? gap : longest;
                }
                turn = next;
            }
            return longest;
        } catch (ParseException e) {
            throw new IllegalStateException("BRIDGE_POLL_CRON '" + cron + "' is not a valid Quartz cron expression", e);
        }
    }
}

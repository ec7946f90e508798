package org.returnsbridge.webhooks;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ProxyBuilder;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.flow.ReturnFlow;
import org.returnsbridge.ledger.ReturnVersions;
import org.returnsbridge.reveni.ReturnParser;
import org.returnsbridge.reveni.ReveniClient;
import org.returnsbridge.reveni.ReveniConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    /** Keyed with the merchant's API key, as Reveni signs with it. */
    @Bean
    ReveniSignature reveniSignature(ReveniConnection reveni, BridgeProperties props) {
        return new ReveniSignature(reveni.apiKey(), props.webhooks().tolerance());
    }

    /** The bytes of webhook bodies read at once, for the whole process; its use is a gauge. */
    @Bean
    WebhookBodyBudget webhookBodyBudget(BridgeProperties props, MeterRegistry meters) {
        WebhookBodyBudget budget = new WebhookBodyBudget(props.webhooks().maxInflightBytes());
        Gauge.builder("bridge.webhooks.inflight.bytes", budget, WebhookBodyBudget::inFlight)
                .description("Bytes of webhook bodies being read right now, against bridge.webhooks.max-inflight-bytes")
                .register(meters);
        return budget;
    }

    /** The controller's hand-over to the webhook workers: Camel's bean proxy onto the events queue. */
    @Bean
    WebhookEvents webhookEvents(CamelContext camel) throws Exception {
        return new ProxyBuilder(camel).endpoint(WebhookRoutes.EVENTS).build(WebhookEvents.class);
    }

    @Bean
    WebhookInbox webhookInbox(JdbcTemplate jdbc, Clock clock) {
        return new WebhookInbox(jdbc, clock);
    }

    @Bean
    WebhookProcessor webhookProcessor(WebhookInbox inbox, ReturnVersions versions, ReturnParser parser,
                                      ReveniClient reveni, ReturnFlow flow, ObjectMapper json,
                                      org.returnsbridge.claims.ReturnClaims returnClaims,
                                      org.returnsbridge.claims.Claims claims) {
        return new WebhookProcessor(inbox, versions, parser, reveni, flow, json, returnClaims, claims);
    }
}

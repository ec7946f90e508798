package org.returnsbridge.testsupport;

import java.util.List;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.returnsbridge.connections.ConnectionsConfiguration.SandboxHolder;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.flow.SweepRoutes;
import org.returnsbridge.exceptions.ExceptionQueueManagement;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.reveni.ReveniConfiguration;
import org.returnsbridge.sitoo.SitooCatalog;
import org.returnsbridge.sitoo.SitooConfiguration;
import org.returnsbridge.support.VendorReachability;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jmx.support.JmxUtils;

/**
 * The whole bridge in sandbox mode: real routes, real HTTP to the embedded sandbox, a real (in-memory)
 * database. The schedule is off so each test polls exactly when it means to; pages hold two returns
 * so paging is exercised everywhere. Every test starts from a freshly seeded sandbox and empty tables.
 * The operator account is fixed ({@link #OPERATOR} / {@link #OPERATOR_PASSWORD}); {@link #asOperator()}
 * calls the bridge's HTTP API with it. Metrics are exported as in production (Spring Boot's tests switch that
 * off), so /actuator/prometheus is there to scrape.
 */
@CamelSpringBootTest
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.mode=sandbox",
        "bridge.connections.sandbox.port=0",
        "bridge.connections.sandbox.trickle=false",
        "bridge.connections.sandbox.webhooks=false",
        "bridge.poll.enabled=false",
        "bridge.poll.page-size=2",
        "bridge.limits.max-page-bytes=200000",
        "bridge.reconciliation.enabled=false",
        "bridge.reconciliation.reports-dir=target/test-reports",
        "bridge.poll.overlap=PT1H",
        "bridge.restock.settle-time=PT4S",
        "bridge.restock.sweep-interval=PT1H",
        "bridge.exceptions.sweep-interval=PT1H",
        "bridge.exceptions.retry-first=PT0.5S",
        "bridge.exceptions.retry-cap=PT2S",
        "bridge.mappings.watch-interval=PT1H",
        "bridge.redelivery.max-redeliveries=3",
        // These tests count single SKU look-ups and draw Sitoo faults per call: the catalogue warm-up would
        // take part of both. CatalogueWarmupTest switches it on in a context of its own.
        "bridge.sitoo.catalogue.warmup-max=0",
        "bridge.redelivery.initial-delay=PT0.05S",
        // Back-off stays below 0.25 s within 3 redeliveries; the cap is what a Retry-After may hold a line in flight.
        "bridge.redelivery.max-delay=PT5S",
        "bridge.sitoo.rate-limit=1000",
        "bridge.sitoo.open-wait=PT1S",
        "camel.component.http.response-timeout=2000",
        "camel.component.http.so-timeout=2000",
        "spring.datasource.url=jdbc:h2:mem:bridge-route-tests;DB_CLOSE_DELAY=-1",
        // Spring Boot's tests switch JMX off; the bridge runs with it on (the exception queue's MBean). Names
        // carry the context's identity, so test contexts living side by side in one JVM do not clash.
        "spring.jmx.enabled=true",
        "spring.jmx.unique-names=true",
        "bridge.admin.username=" + SandboxedBridgeTest.OPERATOR,
        "bridge.admin.password=" + SandboxedBridgeTest.OPERATOR_PASSWORD,
        // Tests that send wrong passwords on purpose share this context (and 127.0.0.1): the throttle has tests of its own.
        "bridge.sign-in.max-failures=10000",
})
public abstract class SandboxedBridgeTest {

    protected static final String OPERATOR = "ops";
    protected static final String OPERATOR_PASSWORD = "test-secret";

    @Autowired
    protected ProducerTemplate camel;
    @Autowired
    protected LedgerRepository ledger;
    @Autowired
    protected ExceptionQueue exceptions;
    @Autowired
    private SandboxHolder sandboxHolder;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private SitooCatalog catalog;
    @Autowired
    private CircuitBreaker sitooCircuitBreaker;
    @Autowired
    protected TestRestTemplate rest;
    @Autowired
    @Qualifier(SitooConfiguration.REACHABILITY)
    private VendorReachability sitooReachability;
    @Autowired
    @Qualifier(ReveniConfiguration.REACHABILITY)
    private VendorReachability reveniReachability;
    @Autowired
    private ExceptionQueueManagement exceptionQueueManagement;

    protected SandboxControl sandbox;

    @BeforeEach
    void startFromCleanState() {
        sandbox = new SandboxControl(sandboxHolder.server().adminUrl());
        sandbox.reset();
        jdbc.update("DELETE FROM return_line");
        jdbc.update("DELETE FROM ledger_return");
        jdbc.update("DELETE FROM exception_record");
        jdbc.update("DELETE FROM poll_checkpoint");
        jdbc.update("DELETE FROM sales_record");
        jdbc.update("DELETE FROM reconciliation_report");
        jdbc.update("DELETE FROM webhook_inbox");
        jdbc.update("DELETE FROM return_version");
        jdbc.update("DELETE FROM return_claim");
        catalog.invalidateAll();
        sitooCircuitBreaker.reset();
        sitooReachability.forget();
        reveniReachability.forget();
    }

    /** The bridge's HTTP API as the operator (HTTP Basic). {@link #rest} alone sends no credentials. */
    protected TestRestTemplate asOperator() {
        return rest.withBasicAuth(OPERATOR, OPERATOR_PASSWORD);
    }

    /** This context's exception queue MBean: {@link ExceptionQueueManagement#OBJECT_NAME} plus its identity. */
    protected ObjectName exceptionQueueMBean() {
        try {
            return JmxUtils.appendIdentityToObjectName(new ObjectName(ExceptionQueueManagement.OBJECT_NAME),
                    exceptionQueueManagement);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One poll, run to completion on this thread. */
    protected void poll() {
        camel.sendBody("direct:reveni-poll", null);
    }

    /** One restock sweep through its route (the ledger's due lines by a jdbc: step, then each line), on this thread. */
    protected int settleUnconfirmed() {
        return camel.requestBody(SweepRoutes.SETTLE_UNCONFIRMED, null, Integer.class);
    }

    /** One exception sweep through its route (the due records by a jdbc: step, then each replayed), on this thread. */
    protected int replayDueExceptions() {
        return camel.requestBody(SweepRoutes.REPLAY_DUE, null, Integer.class);
    }

    protected LedgerLine line(String itemId) {
        return ledger.find(itemId).orElseThrow(() -> new AssertionError("no ledger row for " + itemId));
    }

    protected List<ExceptionRecord> exceptionsFor(String lineKey) {
        return exceptions.findByLineKey(lineKey);
    }
}

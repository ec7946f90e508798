package org.returnsbridge.sitoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.ProxyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.returnsbridge.support.VendorCallMeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Sitoo call route against a bare HTTP server that records what it receives and answers what each
 * test needs: what reaches Sitoo, and what an answer the sandbox never gives (not JSON, too large) means.
 */
class SitooCallRouteTest {

    private static final long MAX_BODY = 1024;

    private final List<Headers> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private HttpServer server;
    private CamelContext camel;
    private SitooConnection connection;
    private CircuitBreaker breaker;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders());
            exchange.getRequestBody().readAllBytes();
            byte[] body = answers.getOrDefault(exchange.getRequestURI().getPath(), "{\"items\": []}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        connection = new SitooConnection("http://127.0.0.1:" + server.getAddress().getPort() + "/v2/accounts/1",
                "api-id", "s3cret", 1);
        breaker = CircuitBreaker.ofDefaults("test");
        camel = new DefaultCamelContext();
        camel.getRegistry().bind(SitooGatewayRoutes.CIRCUIT_BREAKER, breaker);
        camel.addRoutes(new SitooGatewayRoutes(new SitooCallSteps(connection, MAX_BODY, new ObjectMapper(),
                new org.returnsbridge.support.VendorReachability(java.time.Clock.systemUTC())),
                new SitooRateLimit(1000), new VendorCallMeter("sitoo", SitooCallSteps.URL, new SimpleMeterRegistry())));
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        server.stop(0);
    }

    @Test
    void aCallersHeadersNeverReachSitooAndTheCredentialsTravelOnlyAsAHeader() {
        ProducerTemplate route = camel.createProducerTemplate();
        Exchange answer = route.request(SitooGatewayRoutes.PRODUCTS, exchange -> {
            exchange.getIn().setBody(SitooRequest.get(connection.siteUrl() + "/products.json", "sku=1", "look up SKU 1"));
            exchange.getIn().setHeader("X-Return-Id", "r-1");
            exchange.getIn().setHeader(Exchange.HTTP_URI, "http://elsewhere.invalid/");
        });

        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getBody(JsonNode.class).path("items").isArray()).isTrue();
        assertThat(received).singleElement().satisfies(headers -> {
            assertThat(headers.containsKey("X-return-id")).isFalse();
            assertThat(headers.getFirst("Authorization")).isEqualTo("Basic YXBpLWlkOnMzY3JldA==");
        });
        assertThat(camel.getEndpoints()).extracting(e -> e.getEndpointUri()).noneMatch(uri -> uri.contains("s3cret"));
    }

    @Test
    void anAnswerThatIsNotJsonIsUnavailableNamingTheCall() {
        answers.put("/v2/accounts/1/sites/1/warehouses.json", "<html>maintenance</html>");
        SitooClient sitoo = client();

        assertThatThrownBy(sitoo::warehouses).isInstanceOfSatisfying(SitooUnavailableException.class, e -> {
            assertThat(e.kind()).isEqualTo(SitooUnavailableException.Kind.NO_ANSWER);
            assertThat(e.getMessage()).contains("list warehouses", "not JSON", "<html>maintenance");
        });
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).as("Sitoo answered: not its health").isZero();
    }

    @Test
    void anAnswerLargerThanTheLimitIsRefusedUnreadAndCountsAsNoAnswer() {
        answers.put("/v2/accounts/1/sites/1/warehouses.json", "{\"items\": [\"" + "x".repeat((int) MAX_BODY) + "\"]}");
        SitooClient sitoo = client();

        assertThatThrownBy(sitoo::warehouses).isInstanceOfSatisfying(SitooUnavailableException.class, e -> {
            assertThat(e.kind()).isEqualTo(SitooUnavailableException.Kind.NO_ANSWER);
            assertThat(e.getMessage()).contains("more than " + MAX_BODY + " bytes");
        });
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    private SitooClient client() {
        try {
            SitooCall call = new ProxyBuilder(camel).endpoint(SitooGatewayRoutes.WAREHOUSES).build(SitooCall.class);
            return new SitooClient(new SitooGateway(call, call, call, call), connection, new ObjectMapper());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

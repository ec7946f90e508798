package org.returnsbridge.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.returnsbridge.webhooks.ReveniSignature;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Malformed input is the caller's mistake: 400 (or the precise 4xx) with {@code {"detail": ...}}, never a
 * 500, never an echo of a 10 000-character value. A corpus per input: the webhook's signature timestamp,
 * Content-Type and event fields; the date parameters of /api/returns and /api/reconciliation.
 */
class MalformedInputTest extends SandboxedBridgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReveniSignature GENUINE = new ReveniSignature("sandbox-reveni-key", Duration.ofMinutes(5));
    private static final String LONG = "9".repeat(5_000);

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    // ---- the webhook's signature timestamp --------------------------------------------------------------

    @ParameterizedTest(name = "t=''{0}''")
    @ValueSource(strings = {"", " ", "yesterday", "-1", "-1700000000", "+1700000000", "9223372036854775808",
            "9223372036854775807", "1e30", "1.7e9", "0x6553F100", "NaN", "Infinity", "1700000000.", ".5",
            "1700000000.1.2", "1 700 000 000", "1700000000;", "9999999999999"})
    void anImpossibleSignatureTimestampIs400(String t) throws Exception {
        byte[] body = event(newId(), "return.updated");
        String header = "t=" + t + ",v1=" + GENUINE.sign("1", body).substring("t=1,v1=".length());

        assertDetail(postWebhook(body, header, "application/json"), 400, "X-REVENI-SIGNATURE must be");
    }

    @Test
    void aVeryLongTimestampIs400AndNotEchoed() throws Exception {
        HttpResponse<String> answer = postWebhook(event(newId(), "return.updated"), "t=" + LONG + ",v1=00", "application/json");

        assertDetail(answer, 400, "X-REVENI-SIGNATURE");
        assertThat(answer.body()).hasSizeLessThan(500);
    }

    @ParameterizedTest(name = "t={0}")
    @ValueSource(strings = {"0", "1", "999999999999", "1000000000"})
    void aWellFormedTimestampFarFromNowIsStale401(String t) throws Exception {
        byte[] body = event(newId(), "return.updated");

        assertDetail(postWebhook(body, GENUINE.sign(t, body), "application/json"), 401, "outside the accepted window");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"v1=00ff", "t=,v1=00ff", "T=1700000000,v1=00ff", "garbage", "t", "=,=,="})
    void aSignatureHeaderWithoutAUsableTimestampIs400(String header) throws Exception {
        assertDetail(postWebhook(event(newId(), "return.updated"), header, "application/json"), 400,
                "X-REVENI-SIGNATURE must be");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"t=NOW", "t=NOW,v0=00ff", "t=NOW,v2=00ff", "t=NOW,v1"})
    void aSignatureHeaderWithNoV1SignatureIs401(String header) throws Exception {
        String now = Long.toString(Instant.now().getEpochSecond());

        assertDetail(postWebhook(event(newId(), "return.updated"), header.replace("NOW", now), "application/json"), 401,
                "X-REVENI-SIGNATURE is missing");
    }

    // ---- the webhook's Content-Type -----------------------------------------------------------------------

    static Stream<Arguments> contentTypes() {
        return Stream.of(
                Arguments.of(null, 415),
                Arguments.of("text/plain", 415),
                Arguments.of("application/x-www-form-urlencoded", 415),
                Arguments.of("multipart/form-data; boundary=x", 415),
                Arguments.of("*/*", 415),
                Arguments.of("application/*", 415),
                Arguments.of("application/xml", 415),
                Arguments.of("application/json; charset=iso-8859-1", 415),
                Arguments.of("application/json; charset=utf-16", 415),
                Arguments.of("application/json; charset=bogus", 400),
                Arguments.of("application/json; charset=\"", 400),
                Arguments.of("garbage", 400),
                Arguments.of("/", 400),
                Arguments.of("application/", 400),
                Arguments.of("application/json; =x", 400),
                Arguments.of("x".repeat(3_000), 400));
    }

    @ParameterizedTest(name = "Content-Type: {0} → {1}")
    @MethodSource("contentTypes")
    void anUnusableContentTypeIsRefusedBeforeTheBodyIsRead(String contentType, int status) throws Exception {
        byte[] body = event(newId(), "return.updated");
        HttpResponse<String> answer = postWebhook(body, GENUINE.sign(now(), body), contentType);

        assertDetail(answer, status, status == 415 ? "application/json" : "Content-Type");
        assertThat(answer.body()).hasSizeLessThan(1_000);
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON; charset=UTF-8"})
    void jsonInUtf8IsAccepted(String contentType) throws Exception {
        byte[] body = event(newId(), "return.updated");

        assertThat(postWebhook(body, GENUINE.sign(now(), body), contentType).statusCode()).isEqualTo(202);
    }

    // ---- the event's fields ---------------------------------------------------------------------------

    static Stream<Arguments> badEvents() {
        String id64 = "a".repeat(64);
        return Stream.of(
                Arguments.of("id of 65 characters", (Consumer<ObjectNode>) e -> e.put("id", id64 + "a"), "id must be at most 64"),
                Arguments.of("id of 10 000 characters", (Consumer<ObjectNode>) e -> e.put("id", "a".repeat(10_000)), "id must be at most 64"),
                Arguments.of("blank id", (Consumer<ObjectNode>) e -> e.put("id", "  "), "id must not be blank"),
                Arguments.of("no id", (Consumer<ObjectNode>) e -> e.remove("id"), "needs id"),
                Arguments.of("id an object", (Consumer<ObjectNode>) e -> e.putObject("id"), "needs id"),
                Arguments.of("id with a newline", (Consumer<ObjectNode>) e -> e.put("id", "abc\n12:00:00.000 INFO forged"), "control characters"),
                Arguments.of("type of 65 characters", (Consumer<ObjectNode>) e -> e.put("event", "return." + "x".repeat(58)), "event must be at most 64"),
                Arguments.of("type of 10 000 characters", (Consumer<ObjectNode>) e -> e.put("event", "y".repeat(10_000)), "event must be at most 64"),
                Arguments.of("no type", (Consumer<ObjectNode>) e -> e.remove("event"), "needs event"),
                Arguments.of("type null", (Consumer<ObjectNode>) e -> e.putNull("event"), "needs event"),
                Arguments.of("type an array", (Consumer<ObjectNode>) e -> e.putArray("event"), "needs event"),
                Arguments.of("type with NUL", (Consumer<ObjectNode>) e -> e.put("event", "return.updated\u0000"), "control characters"),
                Arguments.of("resource_id of 65 characters", (Consumer<ObjectNode>) e -> ((ObjectNode) e.path("data"))
                        .put("resource_id", id64 + "b"), "data.resource_id must be at most 64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void anEventWithAnUnusableIdOrTypeIs400(String what, Consumer<ObjectNode> spoil, String expected) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(event(newId(), "return.updated"));
        spoil.accept(event);
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = postWebhook(body, GENUINE.sign(now(), body), "application/json");

        assertDetail(answer, 400, expected);
        assertThat(answer.body()).hasSizeLessThan(1_000);
    }

    @ParameterizedTest(name = "body ''{0}''")
    @ValueSource(strings = {"[]", "\"an event\"", "42", "null", "{\"id\": \"a\", \"event\": \"return.updated\"", "\u0000", "DEEP"})
    void aBodyThatIsNotAnEventObjectIs400(String raw) throws Exception {
        raw = raw.equals("DEEP") ? "[".repeat(5_000) + "]".repeat(5_000) : raw;
        byte[] body = raw.getBytes(StandardCharsets.UTF_8);

        assertThat(postWebhook(body, GENUINE.sign(now(), body), "application/json").statusCode()).isEqualTo(400);
    }

    @Test
    void idsAndTypesUpTo64CharactersAreAccepted() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(event("c".repeat(64), "return.updated"));
        event.put("event", "return." + "x".repeat(57));
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);

        assertThat(postWebhook(body, GENUINE.sign(now(), body), "application/json").statusCode()).isEqualTo(202);
    }

    // ---- /api/returns and /api/reconciliation --------------------------------------------------------

    static Stream<String> badDates() {
        return Stream.of("99999-01-01", "+99999-01-01", "-1", "-0001-01-01", "2026-13-45", "2026-02-30", "2026-1-1",
                "0000-01-01", "1969-12-31", "10000-01-01", "", " ", "yesterday", "2026-11-24T25:00:00Z",
                "+99999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
                "2026-11-24T08:00:00", "x".repeat(10), LONG);
    }

    @ParameterizedTest(name = "from=''{0}''")
    @MethodSource("badDates")
    void returnsWithAnImpossibleFromIs400(String value) {
        assertDetail(get("/api/returns?from=" + encode(value)), 400, "from must be");
    }

    @ParameterizedTest(name = "to=''{0}''")
    @MethodSource("badDates")
    void returnsWithAnImpossibleToIs400(String value) {
        assertDetail(get("/api/returns?to=" + encode(value)), 400, "to must be");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"limit=abc", "limit=1e3", "limit=99999999999", "limit=%00", "limit=-5", "limit=0", "limit=1001",
            "state=NOPE", "from=2026-11-25&to=2026-11-24"})
    void returnsWithOtherMalformedParametersIs400(String query) {
        assertDetail(get("/api/returns?" + query), 400, "");
    }

    @Test
    void returnsWithAVeryLongStateIs400AndNotEchoed() {
        HttpResponse<String> answer = get("/api/returns?state=" + LONG);

        assertDetail(answer, 400, "unknown state");
        assertThat(answer.body()).hasSizeLessThan(1_000);
    }

    @Test
    void returnsInTheWholeAllowedRangeAnswer200() {
        assertThat(get("/api/returns?from=1970-01-01&to=9999-12-31").statusCode()).isEqualTo(200);
        assertThat(get("/api/returns?from=1970-01-01T00:00:00Z&to=9999-12-31T23:59:59Z").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "date=''{0}''")
    @MethodSource("badDates")
    void reconciliationRunWithAnImpossibleDateIs400(String value) {
        assertDetail(send("POST", "/api/reconciliation/run?date=" + encode(value)), 400, "date must be");
    }

    @ParameterizedTest(name = "/{0}")
    @MethodSource("badDates")
    void reconciliationReportOfAnImpossibleDateIs400(String value) {
        if (value.isBlank()) {
            return; // another path (/api/reconciliation/ or a blank segment), not a date
        }
        assertDetail(get("/api/reconciliation/" + encode(value)), 400, "date must be");
        assertDetail(get("/api/reconciliation/" + encode(value) + "/csv"), 400, "date must be");
    }

    @Test
    void reconciliationAtTheEdgesOfTheRangeRunsOr404s() {
        assertThat(send("POST", "/api/reconciliation/run?date=1970-01-01").statusCode()).isEqualTo(200);
        assertThat(get("/api/reconciliation/9999-12-31").statusCode()).isEqualTo(404);
        assertThat(get("/api/reconciliation/9999-12-31/csv").statusCode()).isEqualTo(404);
    }

    @Test
    void errorsOutsideTheControllersHaveTheSameShape() {
        assertDetail(get("/api/no-such-thing"), 404, "no such path");
        assertDetail(send("DELETE", "/api/returns"), 405, "");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static void assertDetail(HttpResponse<String> answer, int status, String contains) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
        assertThat(body.path("detail").isTextual()).as(answer.body()).isTrue();
        assertThat(body.path("detail").asText()).isNotBlank().contains(contains);
    }

    private HttpResponse<String> postWebhook(byte[] body, String signature, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/reveni"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (signature != null) {
            request.header("X-REVENI-SIGNATURE", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) {
        return send("GET", path);
    }

    private HttpResponse<String> send(String method, String path) {
        String basic = Base64.getEncoder().encodeToString((OPERATOR + ":" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + basic).header("Accept", "*/*")
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] event(String id, String type) {
        ObjectNode object = aReturn().sellable(newId(), "10038-1", 1).json().deepCopy();
        object.put("updated_at", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        ObjectNode event = JSON.createObjectNode().put("id", id).put("event", type).put("created", Instant.now().getEpochSecond());
        event.putObject("data").put("status", "accepted").put("resource", "return")
                .put("resource_id", object.path("id").asText()).set("object", object);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }
}

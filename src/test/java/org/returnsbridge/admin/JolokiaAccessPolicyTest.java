package org.returnsbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.returnsbridge.exceptions.ExceptionQueueManagement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.ObjectUtils;

/**
 * Jolokia's access policy, over HTTP as the operator: reads work everywhere (but the JVM's command line and
 * system properties), operations only on the bridge's own MBeans and Camel route start/stop/suspend/resume;
 * everything else is refused with status 403 and leaves no trace.
 */
class JolokiaAccessPolicyTest {

    private static final String CONTEXT = "org.apache.camel:context=reveni-sitoo-bridge,type=context,name=\\\"reveni-sitoo-bridge\\\"";
    private static final String ROUTE = "org.apache.camel:context=reveni-sitoo-bridge,type=routes,name=\\\"%s\\\"";
    private static final Path HEAP_DUMP = Path.of("target", "jolokia-policy-heap.hprof").toAbsolutePath();
    private static final Path RECORDING = Path.of("target", "jolokia-policy.jfr").toAbsolutePath();

    private static StartedBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        Files.deleteIfExists(HEAP_DUMP);
        Files.deleteIfExists(RECORDING);
        bridge = StartedBridge.start();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // Heap dumps hold every secret in memory (the vendors' API keys, the operator's password digest).
                Arguments.of("heap dump", exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap",
                        "\"" + HEAP_DUMP + "\"", "true")),
                Arguments.of("heap dump, signature spelled out", exec("com.sun.management:type=HotSpotDiagnostic",
                        "dumpHeap(java.lang.String,boolean)", "\"" + HEAP_DUMP + "\"", "false")),
                Arguments.of("VM option change", exec("com.sun.management:type=HotSpotDiagnostic", "setVMOption",
                        "\"HeapDumpOnOutOfMemoryError\"", "\"true\"")),
                Arguments.of("diagnostic command", exec("com.sun.management:type=DiagnosticCommand", "vmSystemProperties")),
                Arguments.of("diagnostic heap dump", exec("com.sun.management:type=DiagnosticCommand", "gcHeapDump",
                        "[\"" + HEAP_DUMP + "\"]")),
                Arguments.of("thread dump", exec("java.lang:type=Threading", "dumpAllThreads", "false", "false")),
                Arguments.of("garbage collection", exec("java.lang:type=Memory", "gc")),
                Arguments.of("flight recording", exec("jdk.management.jfr:type=FlightRecorder", "newRecording")),
                Arguments.of("log level", exec("java.util.logging:type=Logging", "setLoggerLevel", "\"\"", "\"FINEST\"")),
                // Camel's context runs anything: SQL through the jdbc component, any URI, routes from XML.
                Arguments.of("SQL through requestBody", exec(CONTEXT, "requestBody", "\"jdbc:dataSource\"",
                        "\"CREATE TABLE jolokia_was_here (x INT)\"")),
                Arguments.of("sendBody", exec(CONTEXT, "sendBody", "\"jdbc:dataSource\"",
                        "\"CREATE TABLE jolokia_was_here (x INT)\"")),
                Arguments.of("routes from XML", exec(CONTEXT, "addOrUpdateRoutesFromXml",
                        "\"<routes xmlns=\\\"http://camel.apache.org/schema/spring\\\"><route id=\\\"intruder\\\">"
                                + "<from uri=\\\"timer:x\\\"/><to uri=\\\"log:x\\\"/></route></routes>\"")),
                Arguments.of("stop the whole context", exec(CONTEXT, "stop()")),
                Arguments.of("suspend the whole context", exec(CONTEXT, "suspend")),
                Arguments.of("route from XML", exec(route("restock"), "updateRouteFromXml", "\"<route/>\"")),
                Arguments.of("remove a route", exec(route("hold"), "remove()")),
                Arguments.of("stop a route with a time-out", exec(route("restock"), "stop(long)", "1")),
                Arguments.of("routes as XML, placeholders resolved", exec(CONTEXT, "dumpRoutesAsXml(boolean)", "true")),
                Arguments.of("a route as XML, placeholders resolved", exec(route("restock"), "dumpRouteAsXml(boolean)", "true")),
                Arguments.of("routes as XML by bare name", exec(CONTEXT, "dumpRoutesAsXml")),
                Arguments.of("routes as YAML", exec(CONTEXT, "dumpRoutesAsYaml()")),
                Arguments.of("browse an endpoint's messages", exec(
                        "org.apache.camel:context=reveni-sitoo-bridge,type=endpoints,name=\\\"seda://reveni-webhook-events\\\"",
                        "browseAllMessagesAsXml(java.lang.Boolean)", "true")),
                Arguments.of("Spring Boot's health over JMX", exec("org.springframework.boot:type=Endpoint,name=Health", "health")),
                Arguments.of("Jolokia's own configuration", exec("jolokia:type=Config,*", "setHistoryEntriesForAttribute",
                        "\"java.lang:type=Memory\"", "\"HeapMemoryUsage\"", "null", "null", "10")),
                // Nothing may be written.
                Arguments.of("write: JVM verbose GC", write("java.lang:type=Memory", "Verbose", "true")),
                Arguments.of("write: class loading verbose", write("java.lang:type=ClassLoading", "Verbose", "true")),
                Arguments.of("write: route tracing", write(route("restock"), "Tracing", "true")),
                Arguments.of("write: the bridge's own MBean", write("org.returnsbridge:type=ExceptionQueue,*", "Anything", "1")),
                // The JVM's command line and system properties: a secret passed as -D would be there.
                Arguments.of("read: system properties", read("java.lang:type=Runtime", "SystemProperties")),
                Arguments.of("read: command-line arguments", read("java.lang:type=Runtime", "InputArguments")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedRequestsAnswer403(String what, String request) {
        JsonNode answer = bridge.jolokia(request);

        assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.has("value")).isFalse();
    }

    /** Jolokia's policy does not cover notifications; the bridge ships without their back-ends, so none can be added. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"pull", "sse"})
    void noNotificationListenerCanBeAdded(String mode) {
        String client = bridge.jolokia("{\"type\":\"notification\",\"command\":\"register\"}").path("value").path("id").asText();

        JsonNode added = bridge.jolokia("{\"type\":\"notification\",\"command\":\"add\",\"client\":\"" + client
                + "\",\"mode\":\"" + mode + "\",\"mbean\":\"java.lang:type=Memory\"}");

        assertThat(added.path("status").asInt()).as(added.toString()).isNotEqualTo(200);
        assertThat(added.has("value")).isFalse();
    }

    @Test
    void refusedRequestsLeaveNoTrace() {
        refused().forEach(arguments -> bridge.jolokia((String) arguments.get()[1]));

        assertThat(HEAP_DUMP).doesNotExist();
        assertThat(bridge.bean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = 'JOLOKIA_WAS_HERE'", Integer.class))
                .isZero();
        assertThat(read(CONTEXT, "State", 200).asText()).isEqualTo("Started");
        assertThat(read(route("restock"), "State", 200).asText()).isEqualTo("Started");
        assertThat(read(route("hold"), "State", 200).asText()).isEqualTo("Started");
        assertThat(read(route("restock"), "Tracing", 200).asBoolean()).isFalse();
        assertThat(read("java.lang:type=Memory", "Verbose", 200).asBoolean()).isFalse();
        assertThat(bridge.jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,name=\\\"intruder\\\",*\"}")
                .path("value")).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({
            "java.lang:type=Memory, HeapMemoryUsage",
            "java.lang:type=Runtime, Uptime",
            "java.lang:type=Runtime, VmVersion",
            "java.lang:type=Threading, ThreadCount",
            "java.lang:type=OperatingSystem, AvailableProcessors",
    })
    void attributesAreReadable(String mbean, String attribute) {
        assertThat(read(mbean, attribute, 200).isMissingNode()).isFalse();
    }

    @Test
    void readingEveryAttributeLeavesOutTheRefusedOnes() {
        JsonNode runtime = bridge.jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"config\":{\"ignoreErrors\":true}}");

        assertThat(runtime.path("status").asInt()).as(runtime.toString()).isEqualTo(200);
        assertThat(runtime.path("value").path("Uptime").asLong()).isPositive();
        assertThat(runtime.path("value").path("SystemProperties").isObject()).isFalse();
        assertThat(runtime.path("value").path("InputArguments").isArray()).isFalse();
        assertThat(runtime.toString()).doesNotContain("java.class.path\"");
    }

    @Test
    void noReadableAttributeHoldsTheOperatorPassword() {
        JsonNode everything = bridge.jolokia("{\"type\":\"read\",\"mbean\":\"*:*\",\"config\":{\"ignoreErrors\":true,\"maxDepth\":6}}");

        assertThat(everything.path("status").asInt()).isEqualTo(200);
        assertThat(everything.path("value").size()).isGreaterThan(50);
        assertThat(everything.toString()).doesNotContain(StartedBridge.PASSWORD);
    }

    @Test
    void listSearchAndVersionWork() {
        assertThat(bridge.jolokia("{\"type\":\"version\"}").path("status").asInt()).isEqualTo(200);
        assertThat(bridge.jolokia("{\"type\":\"list\",\"path\":\"java.lang\"}").path("value").has("type=Runtime")).isTrue();
        assertThat(bridge.jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}").path("value").size())
                .isGreaterThan(5);
    }

    @Test
    void theBridgesOwnOperationsRun() {
        // Other test contexts in this JVM register their own queue MBean: take this bridge's, by the identity key
        // spring.jmx.unique-names appends (the identity of the exported bean).
        String identity = "identity=" + ObjectUtils.getIdentityHexString(bridge.bean(ExceptionQueueManagement.class));
        JsonNode found = bridge.jolokia("{\"type\":\"search\",\"mbean\":\"org.returnsbridge:type=ExceptionQueue,*\"}")
                .path("value");
        String queue = StreamSupport.stream(found.spliterator(), false).map(JsonNode::asText)
                .filter(name -> name.contains(identity)).findFirst()
                .orElseThrow(() -> new AssertionError("no queue MBean with " + identity + " in " + found))
                .replace("\"", "\\\"");

        JsonNode listed = bridge.jolokia(exec(queue, "listOpenExceptions"));
        assertThat(listed.path("status").asInt()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.path("value").asText()).isEqualTo("no open exceptions");

        JsonNode replayed = bridge.jolokia(exec(queue, "replay", "424242"));
        assertThat(replayed.path("value").asText()).isEqualTo("#424242 NOT_FOUND: no exception record 424242");

        JsonNode reloaded = bridge.jolokia(exec(queue, "reloadMappings()"));
        assertThat(reloaded.path("value").asText()).startsWith("mappings reloaded from ");
    }

    @ParameterizedTest(name = "{0}: {1} then {2}")
    @org.junit.jupiter.params.provider.CsvSource({
            "reveni-poll,          stop(),    start()",
            "exception-sweep,      stop(),    start",
            "restock-sweep,        suspend(), resume()",
            "mapping-watch,        suspend(), resume",
            "webhook-inbox-sweep,  stop(),    start()",
    })
    void routesStopAndStart(String routeId, String halt, String resume) {
        String route = route(routeId);
        assertThat(read(route, "State", 200).asText()).isEqualTo("Started");

        assertThat(bridge.jolokia(exec(route, halt)).path("status").asInt()).isEqualTo(200);
        assertThat(read(route, "State", 200).asText()).isIn("Stopped", "Suspended");

        assertThat(bridge.jolokia(exec(route, resume)).path("status").asInt()).isEqualTo(200);
        assertThat(read(route, "State", 200).asText()).isEqualTo("Started");
    }

    /** What Hawtio's Camel tab draws its route diagrams and statistics from: read-only, placeholders unresolved. */
    @ParameterizedTest(name = "{1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "context        | dumpRoutesAsXml()                    | ",
            "context        | dumpRoutesStatsAsXml                 | true,true",
            "context        | dumpRoutesStatsAsXml(boolean,boolean) | true,true",
            "route          | dumpRouteAsXml()                     | ",
            "route          | dumpRouteStatsAsXml(boolean,boolean)  | false,false",
    })
    void hawtiosRouteDiagramsCanBeDrawn(String target, String operation, String arguments) {
        String mbean = target.equals("context") ? CONTEXT : route("restock");
        JsonNode dumped = bridge.jolokia(arguments == null ? exec(mbean, operation) : exec(mbean, operation, arguments.split(",")));

        assertThat(dumped.path("status").asInt()).as(dumped.toString()).isEqualTo(200);
        assertThat(dumped.path("value").asText()).contains("restock");
    }

    /** Jolokia also takes requests as GET URLs, and several at once as a JSON array: each is judged alone. */
    @ParameterizedTest(name = "GET {0}")
    @org.junit.jupiter.params.provider.CsvSource({
            "/actuator/jolokia/exec/com.sun.management:type=HotSpotDiagnostic/dumpHeap/target!/get.hprof/true, 403",
            "/actuator/jolokia/exec/java.lang:type=Memory/gc(), 403",
            "/actuator/jolokia/read/java.lang:type=Runtime/SystemProperties, 403",
            "/actuator/jolokia/write/java.lang:type=Memory/Verbose/true, 403",
            "/actuator/jolokia/read/java.lang:type=Runtime/Uptime, 200",
            "/actuator/jolokia/version, 200",
    })
    void getUrlsAreJudgedTheSame(String path, int status) throws Exception {
        JsonNode answer = StartedBridge.JSON.readTree(bridge.send("GET", path, StartedBridge.basic(StartedBridge.USER,
                StartedBridge.PASSWORD), null).body());

        assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(status);
        assertThat(Path.of("target", "get.hprof")).doesNotExist();
    }

    @Test
    void bulkRequestsAreJudgedOneByOne() throws Exception {
        String bulk = "[" + read("java.lang:type=Runtime", "Uptime") + ","
                + exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap", "\"" + HEAP_DUMP + "\"", "true") + ","
                + exec(route("restock"), "updateRouteFromXml", "\"<route/>\"") + "]";
        JsonNode answers = StartedBridge.JSON.readTree(bridge.send("POST", "/actuator/jolokia",
                StartedBridge.basic(StartedBridge.USER, StartedBridge.PASSWORD), bulk).body());

        assertThat(answers.get(0).path("status").asInt()).isEqualTo(200);
        assertThat(answers.get(1).path("status").asInt()).isEqualTo(403);
        assertThat(answers.get(2).path("status").asInt()).isEqualTo(403);
        assertThat(HEAP_DUMP).doesNotExist();
    }

    private static JsonNode read(String mbean, String attribute, int expectedStatus) {
        JsonNode answer = bridge.jolokia(read(mbean, attribute));
        assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(expectedStatus);
        return answer.path("value");
    }

    private static String route(String id) {
        return String.format(ROUTE, id);
    }

    private static String exec(String mbean, String operation, String... arguments) {
        return "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation + "\",\"arguments\":["
                + String.join(",", arguments) + "]}";
    }

    private static String write(String mbean, String attribute, String value) {
        return "{\"type\":\"write\",\"mbean\":\"" + mbean + "\",\"attribute\":\"" + attribute + "\",\"value\":" + value + "}";
    }

    private static String read(String mbean, String attribute) {
        return "{\"type\":\"read\",\"mbean\":\"" + mbean + "\",\"attribute\":\"" + attribute + "\"}";
    }
}

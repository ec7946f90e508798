package org.returnsbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Configuration mistakes stop the bridge at start-up with a message that names the problem. */
class StartupRefusalTest {

    @TempDir
    Path dir;

    @Test
    void mappingToAVirtualWarehouseRefusesToStart() throws IOException {
        Files.writeString(dir.resolve("locations.yaml"),
                "locations:\n  store-stockholm-01:\n    warehouseid: 1\n  webshop:\n    warehouseid: 9\n");
        Files.copy(Path.of("mappings/conditions.yaml"), dir.resolve("conditions.yaml"));

        String message = startupFailure("--bridge.mappings.dir=" + dir);

        assertThat(message).contains("locations.yaml line 4").contains("'webshop'").contains("virtual warehouse");
    }

    @Test
    void partialVendorConfigurationRefusesToStart() {
        String message = startupFailure("--bridge.mode=live",
                "--bridge.connections.reveni.base-url=https://api.reveni.io/merchants/v0");

        assertThat(message).contains("REVENI_API_KEY is not set").contains("SITOO_API_ID is not set")
                .contains("or set BRIDGE_MODE=sandbox to run the demo");
    }

    @Test
    void liveIsTheDefaultAndNeedsEveryVendorVariable() {
        String message = startupFailure("--bridge.mode=");

        assertThat(message).contains("Live mode").contains("REVENI_BASE_URL is not set").contains("REVENI_STORE_ID is not set")
                .contains("SITOO_API_PASSWORD is not set").contains("or set BRIDGE_MODE=sandbox to run the demo");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"demo", "production", "sand box", "1"})
    void anUnknownModeIsRefusedNamingTheAllowedValues(String mode) {
        String message = startupFailure("--bridge.mode=" + mode);

        assertThat(message).contains("BRIDGE_MODE '" + mode + "' is not a mode")
                .contains("BRIDGE_MODE=live").contains("BRIDGE_MODE=sandbox");
    }

    @Test
    void sandboxModeRefusesVendorVariables() {
        String message = startupFailure("--bridge.mode=SANDBOX", "--bridge.connections.sitoo.api-password=secret");

        assertThat(message).contains("BRIDGE_MODE=sandbox, but vendor variables are set: SITOO_API_PASSWORD")
                .doesNotContain("secret");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"PT0.5S", "PT11S", "PT1M"})
    void aCheckinIntervalThatWouldDelayFailoverPast30sIsRefused(String interval) {
        Throwable failure = failure("--bridge.scheduler.checkin-interval=" + interval);

        assertThat(messages(failure)).contains("bridge.scheduler").contains("between 1 s and 10 s")
                .contains("BRIDGE_SCHEDULER_CHECKIN_INTERVAL");
        assertThat(StartupRefusal.describe(failure))
                .contains("bridge.scheduler.checkinInterval must be between 1 s and 10 s")
                .contains("(got " + interval + ")").doesNotContain("got false");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"PT0.1S", "PT6M"})
    void aMetricsRefreshIntervalOutOfRangeIsRefused(String interval) {
        Throwable failure = failure("--bridge.metrics.refresh-interval=" + interval);

        assertThat(messages(failure)).contains("bridge.metrics").contains("between 1 s and 5 min")
                .contains("BRIDGE_METRICS_REFRESH_INTERVAL");
        assertThat(StartupRefusal.describe(failure))
                .contains("(got " + interval + ")").doesNotContain("got false");
    }

    /** Given as a deployment gives them: the environment variable application.yml reads the setting from. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "BRIDGE_RECONCILIATION_MAX_STORED_FINDINGS | 0      | (got 0)",
            "BRIDGE_RECONCILIATION_MAX_STORED_FINDINGS | -3     | (got -3)",
            "BRIDGE_RECONCILIATION_MAX_STORED_FINDINGS | 100001 | (got 100001)",
            "BRIDGE_RECONCILIATION_MAX_STORED_FINDINGS | lots   | 'lots' is not a whole number",
            "BRIDGE_RECONCILIATION_PAGE_SIZE           | 0      | (got 0)",
            "BRIDGE_RECONCILIATION_PAGE_SIZE           | -500   | (got -500)",
            "BRIDGE_RECONCILIATION_PAGE_SIZE           | 1001   | (got 1001)",
            "BRIDGE_RECONCILIATION_PAGE_SIZE           | 5OO    | '5OO' is not a whole number",
    })
    void aReconciliationSizeThatIsOutOfRangeOrNotANumberIsRefusedInOneLineNamingIt(String variable, String value,
                                                                                   String detail) {
        String line = StartupRefusal.describe(failure("--" + variable + "=" + value));

        assertThat(line).contains(variable).contains(detail).doesNotContain("\n");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "BRIDGE_CLAIM_TTL                  | banana    | bridge.cluster.claim-ttl",
            "BRIDGE_SCHEDULER_CHECKIN_INTERVAL | 5 seconds | bridge.scheduler.checkin-interval",
            "BRIDGE_HEALTH_MAX_POLL_LAG        | soon      | bridge.health.max-poll-lag",
    })
    void aDurationThatIsNotADurationIsRefusedInOneLineNamingTheVariableAndTheValue(String variable, String value,
                                                                                   String property) {
        String line = StartupRefusal.describe(failure("--" + variable + "=" + value));

        assertThat(line).startsWith(variable + " (" + property + ") '" + value + "' is not a duration: write it as 30s")
                .doesNotContain("\n").doesNotContain("Failed to convert");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"page-size=0", "page-size=1001", "warmup-max=-1",
            "warmup-wait=PT6M"})
    void aCatalogueWarmupSettingOutOfRangeIsRefusedNamingIt(String setting) {
        String message = startupFailure("--bridge.sitoo.catalogue." + setting);

        String variable = "BRIDGE_SITOO_CATALOGUE_" + setting.substring(0, setting.indexOf('=')).replace('-', '_')
                .toUpperCase(java.util.Locale.ROOT);
        assertThat(message).contains("bridge.sitoo.catalogue").contains(variable);
    }

    @Test
    void missingIntegratorRoutesRefuseToStart() {
        String message = startupFailure("--camel.main.routes-include-pattern=file:" + dir + "/*.yaml");

        assertThat(message).contains("No route consumes direct://line-by-condition").contains("BRIDGE_ROUTES 'file:" + dir);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"no-such-folder", "deeper/still/missing", "locations.yaml"})
    void aMissingMappingFolderIsRefusedByName(String name) throws IOException {
        Files.writeString(dir.resolve("locations.yaml"), "locations: {}\n"); // a file is not a folder either
        Path missing = dir.resolve(name);

        String message = startupFailure("--bridge.mappings.dir=" + missing);

        assertThat(message).contains("BRIDGE_MAPPINGS_DIR: the mapping folder " + missing.toAbsolutePath().normalize()
                + " does not exist");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"reports", "a/b/reports"})
    void aReportsFolderThatCannotBeWrittenIsRefusedByName(String under) throws IOException {
        Path aFile = Files.writeString(dir.resolve("not-a-folder"), "x"); // nothing can be created under a file
        Path reports = aFile.resolve(under);

        String message = startupFailure("--bridge.reconciliation.reports-dir=" + reports);

        assertThat(message).contains("BRIDGE_REPORTS_DIR: the reports folder " + reports.toAbsolutePath().normalize())
                .contains("cannot be created");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/*.yaml", "/routes/*.yaml", "/a/b/line.yaml"})
    void aMissingRoutesFolderIsRefusedByName(String pattern) {
        Path base = dir.resolve("gone");

        String message = startupFailure("--camel.main.routes-include-pattern=file:" + base + pattern);

        assertThat(message).contains("BRIDGE_ROUTES 'file:" + base + pattern + "'").contains("does not exist")
                .contains("unset it to use the routes packaged in the jar");
    }

    @Test
    void invalidSettingIsNamed() {
        String message = startupFailure("--bridge.poll.page-size=500");

        assertThat(message).contains("bridge.poll.pageSize");
    }

    @Test
    void invalidPollCronIsNamed() {
        String message = startupFailure("--bridge.poll.cron=every minute please");

        assertThat(message).contains("BRIDGE_POLL_CRON 'every minute please' is not a valid Quartz cron expression");
    }

    @Test
    void aMaxPollLagWithinThePollsIntervalIsRefused() {
        String message = startupFailure("--bridge.poll.cron=0 0/5 * * * ?", "--bridge.health.max-poll-lag=PT5M");

        assertThat(message).contains("BRIDGE_HEALTH_MAX_POLL_LAG (PT5M) must exceed the poll's interval (PT5M");
    }

    @Test
    void aNonPositiveMaxPollLagIsRefused() {
        String message = startupFailure("--bridge.health.max-poll-lag=PT0S");

        assertThat(message).contains("bridge.health").contains("BRIDGE_HEALTH_MAX_POLL_LAG");
    }

    /** The one line a refused start-up of the packaged jar logs (StartupRefusal), for several kinds of failure. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "--bridge.poll.page-size=500   | invalid setting: bridge.poll.pageSize | (got 500)",
            "--bridge.poll.workers=0       | invalid setting: bridge.poll.workers  | (got 0)",
            "--bridge.sync.batch-size=5000 | invalid setting: bridge.sync.batchSize | (got 5000)",
            "--bridge.poll.cron=every minute please | BRIDGE_POLL_CRON 'every minute please' | Quartz cron",
            "--bridge.mode=maybe           | BRIDGE_MODE 'maybe' is not a mode | BRIDGE_MODE=sandbox",
            "--bridge.cluster.claim-ttl=banana | bridge.cluster.claim-ttl 'banana' | is not a duration",
            "--bridge.scheduler.checkin-interval=PT1M | bridge.scheduler.checkinInterval must be | (got PT1M)",
    })
    void theRefusalIsOneLineNamingTheSetting(String arg, String named, String detail) {
        String line = StartupRefusal.describe(failure(arg.trim()));

        assertThat(line).contains(named.trim()).contains(detail.trim()).doesNotContain("\n");
    }

    /** Sandbox mode unless the test names a mode. */
    private static String startupFailure(String... args) {
        return messages(failure(args));
    }

    /** Every message in the chain, one a line. */
    private static String messages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static Throwable failure(String... args) {
        if (Stream.of(args).noneMatch(a -> a.startsWith("--bridge.mode="))) {
            args = Stream.concat(Stream.of("--bridge.mode=sandbox"), Stream.of(args)).toArray(String[]::new);
        }
        String[] given = args;
        Throwable failure = catchThrowable(() -> {
            // As command-line arguments: builder .properties() are defaults, which application.yml overrides
            // (the test would use ./data's database, port 8089 and JMX).
            String[] all = Stream.concat(Stream.of("--bridge.connections.sandbox.port=0",
                            "--bridge.connections.sandbox.trickle=false", "--server.port=0", "--spring.jmx.enabled=false",
                            "--spring.datasource.url=jdbc:h2:mem:refusal-" + System.nanoTime()), Stream.of(given))
                    .toArray(String[]::new);
            try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(BridgeApplication.class).run(all)) {
                // started: the test fails below
            }
        });
        assertThat(failure).as("start-up must fail").isNotNull();
        return failure;
    }
}

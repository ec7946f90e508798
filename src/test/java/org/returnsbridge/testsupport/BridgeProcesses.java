package org.returnsbridge.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the packaged fat jar as separate JVMs — the sandbox on its own, and the bridge pointed at it —
 * so that a test can SIGKILL the bridge and start it again while the sandbox keeps its state.
 */
public final class BridgeProcesses {

    public static final String REVENI_KEY = "sandbox-reveni-key";
    public static final String REVENI_STORE = "3f9a0c5e7b1d4e2f8a6c0b9d7e5f3a1c";
    public static final String SITOO_ACCOUNT = "90316";
    /** The operator account of the bridges started here (live mode requires one). */
    public static final String OPERATOR = "ops";
    public static final String OPERATOR_PASSWORD = "crash-test-secret";

    private final Path jar;
    private final Path logDir;
    private final List<Process> started = new ArrayList<>();

    public BridgeProcesses(String testName) {
        this(Path.of("target", "it-logs", testName));
    }

    /** Logs of every process started go to {@code logDir} (the benchmark keeps one folder per scenario). */
    public BridgeProcesses(Path logDir) {
        String jarPath = System.getProperty("bridge.jar");
        if (jarPath == null || !Files.isRegularFile(Path.of(jarPath))) {
            throw new IllegalStateException("bridge.jar system property must name the packaged jar (run with mvn verify)");
        }
        this.jar = Path.of(jarPath);
        this.logDir = logDir;
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The standalone sandbox; returns once it prints its ready line. */
    public Process startSandbox(int port) throws IOException, InterruptedException {
        return startSandbox(port, List.of("-Xmx256m"));
    }

    /** The standalone sandbox with the given JVM options (a benchmark holding 100 000 lines needs more heap). */
    public Process startSandbox(int port, List<String> jvmOptions) throws IOException, InterruptedException {
        return startSandbox(port, jvmOptions, List.of());
    }

    /** The same with more of SandboxMain's options, e.g. {@code --reveni-store-id=...}. */
    public Process startSandbox(int port, List<String> jvmOptions, List<String> sandboxOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar.toString(),
                "-Dloader.main=org.returnsbridge.sandbox.SandboxMain",
                "org.springframework.boot.loader.launch.PropertiesLauncher",
                "--port=" + port, "--trickle=false"));
        command.addAll(sandboxOptions);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process process = OrphanGuard.watch(builder.start());
        started.add(process);
        Path log = logDir.resolve("sandbox.log");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith("SANDBOX READY")) {
                    Files.writeString(log, seen);
                    drainInBackground(process, log);
                    return process;
                }
            }
            Files.writeString(log, seen);
        }
        throw new IllegalStateException("sandbox exited before it was ready; see " + log);
    }

    /** The bridge in live mode against a sandbox on {@code sandboxPort}; its database is a file under dataDir. */
    public Process startBridge(String name, int sandboxPort, int serverPort, Path dataDir, Map<String, String> extraEnv)
            throws IOException {
        return startBridge(name, sandboxPort, serverPort, dataDir, extraEnv, List.of("-Xmx384m"));
    }

    /** The same with the given JVM options, e.g. a smaller heap to prove memory stays flat. */
    public Process startBridge(String name, int sandboxPort, int serverPort, Path dataDir, Map<String, String> extraEnv,
                               List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.putAll(liveEnvironment(sandboxPort)); // BRIDGE_MODE=live: a standalone sandbox stands in for the vendors
        env.put("SERVER_PORT", String.valueOf(serverPort));
        env.put("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("bridge"));
        env.put("BRIDGE_MAPPINGS_DIR", new File("mappings").getAbsolutePath());
        env.put("BRIDGE_ROUTES", "file:" + new File("routes").getAbsolutePath() + "/*.yaml");
        env.put("BRIDGE_POLL_CRON", "0/1 * * * * ?");
        env.putAll(extraEnv);
        Process process = OrphanGuard.watch(builder.start());
        started.add(process);
        return process;
    }

    /** SIGKILL: no shutdown hooks, no graceful stop, exactly like a crash or an OOM kill. */
    public static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process did not die");
        }
    }

    public void stopAll() {
        for (Process p : started) {
            p.destroyForcibly();
        }
    }

    public Path log(String name) {
        return logDir.resolve(name + ".log");
    }

    /** The packaged fat jar ({@code bridge.jar} system property, set by the failsafe configuration). */
    public Path jar() {
        return jar;
    }

    public Path logDir() {
        return logDir;
    }

    /** The environment of a live bridge against a sandbox on {@code sandboxPort} (vendor settings, operator). */
    public static Map<String, String> liveEnvironment(int sandboxPort) {
        String base = "http://127.0.0.1:" + sandboxPort;
        return Map.of("BRIDGE_MODE", "live",
                "REVENI_BASE_URL", base + "/reveni/merchants/v0",
                "REVENI_API_KEY", REVENI_KEY,
                "REVENI_STORE_ID", REVENI_STORE,
                "SITOO_BASE_URL", base + "/sitoo/v2/accounts/" + SITOO_ACCOUNT,
                "SITOO_API_ID", SITOO_ACCOUNT + "-1",
                "SITOO_API_PASSWORD", "sandbox-sitoo-password",
                "BRIDGE_ADMIN_USERNAME", OPERATOR,
                "BRIDGE_ADMIN_PASSWORD", OPERATOR_PASSWORD);
    }

    /** Registers a process started elsewhere, so that {@link #stopAll()} ends it too. */
    public void adopt(Process process) {
        started.add(OrphanGuard.watch(process));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void drainInBackground(Process process, Path log) {
        Thread drain = new Thread(() -> {
            try (var in = process.getInputStream()) {
                Files.write(log, in.readAllBytes(), java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "sandbox-log");
        drain.setDaemon(true);
        drain.start();
    }
}

package org.returnsbridge.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus's {@code promtool}, which comes with Debian's {@code prometheus} package
 * ({@code tools/install-test-packages.sh} installs it). Without it a test fails rather than quietly passing.
 */
public final class Promtool {

    private Promtool() {}

    /** What promtool said (stdout and stderr together) and how it exited. */
    public record Result(int exitCode, String output) {
    }

    /** {@code promtool <arguments>} in the working directory (the repository root under Maven). */
    public static Result run(String... arguments) throws IOException, InterruptedException {
        return runWithInput("", arguments);
    }

    /**
     * {@code promtool <arguments>} with {@code input} on its stdin, for the commands that read only stdin
     * ({@code check metrics}). promtool reads all of stdin before it writes, so writing it first cannot block.
     */
    public static Result runWithInput(String input, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("promtool");
        command.addAll(List.of(arguments));
        Process promtool;
        try {
            promtool = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notOnPath) {
            throw new AssertionError("promtool is not on the PATH: install Debian's prometheus package "
                    + "(apt-get install -y --no-install-recommends prometheus) to run this test", notOnPath);
        }
        try (var stdin = promtool.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!promtool.waitFor(120, TimeUnit.SECONDS)) {
            promtool.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", arguments) + " did not finish within 120 s");
        }
        return new Result(promtool.exitValue(), output);
    }
}

package org.returnsbridge.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.boot.convert.DurationStyle;

/** Where the deployment files are, and what they must fit: the repository's own files and the shutdown budget. */
final class DeploymentFiles {

    static final Path DOCKER = Path.of("docker");
    static final Path K8S = DOCKER.resolve("k8s");
    static final Path COMPOSE = DOCKER.resolve("compose.yaml");
    static final Path ENV_EXAMPLE = DOCKER.resolve(".env.example");
    static final Path PROMETHEUS = DOCKER.resolve("prometheus/prometheus.yml");
    static final Path ALERT_RULES = DOCKER.resolve("prometheus/alerts.yml");
    static final Path GRAFANA = DOCKER.resolve("grafana");
    static final Path SECRET_TEMPLATE = K8S.resolve("secret.yaml.example");
    static final Path MAPPINGS = Path.of("mappings");
    static final Path ROUTES = Path.of("routes");

    /** The promise: a node exits within 30 s of SIGTERM. */
    static final Duration PROMISED_SHUTDOWN = Duration.ofSeconds(30);

    private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\$\\{[^:}]+:([^}]*)}");

    private DeploymentFiles() {}

    /**
     * How long a node may take to exit after SIGTERM: the promised 30 s, or Spring's
     * {@code spring.lifecycle.timeout-per-shutdown-phase} from application.yml (its default, when a placeholder)
     * if that is longer.
     */
    @SuppressWarnings("unchecked")
    static Duration shutdownBudget() {
        Object spring = StrictYaml.map(BridgeVariables.APPLICATION_YML).get("spring");
        Object lifecycle = spring instanceof Map<?, ?> s ? s.get("lifecycle") : null;
        Object phase = lifecycle instanceof Map<?, ?> l ? ((Map<String, Object>) l).get("timeout-per-shutdown-phase") : null;
        if (phase == null) {
            return PROMISED_SHUTDOWN;
        }
        String value = phase.toString();
        Matcher placeholder = PLACEHOLDER_DEFAULT.matcher(value);
        Duration configured = DurationStyle.detectAndParse(placeholder.matches() ? placeholder.group(1) : value);
        return configured.compareTo(PROMISED_SHUTDOWN) > 0 ? configured : PROMISED_SHUTDOWN;
    }

    /** The *.yaml files of a repository folder, by name, with their exact text. */
    static Map<String, String> yamlFiles(Path folder) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path file : list.filter(p -> p.getFileName().toString().endsWith(".yaml")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}

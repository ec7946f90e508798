package org.returnsbridge.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.returnsbridge.admin.AdminCredentials;
import org.returnsbridge.admin.AdminProperties;
import org.returnsbridge.connections.BridgeMode;
import org.returnsbridge.connections.ConnectionProperties;
import org.returnsbridge.connections.VendorConnections;
import org.returnsbridge.docs.ProjectDocs;

/**
 * The one place that says which environment variables the bridge reads, for the deployment files' tests:
 * <ul>
 *   <li>every {@code ${NAME...}} placeholder in application.yml (the bridge's own settings);</li>
 *   <li>Spring's relaxed-binding names the documentation gives (README.md and docs/: {@code SPRING_…}, {@code SERVER_…},
 *       {@code LOGGING_…} in backticks), such as {@code SERVER_FORWARD_HEADERS_STRATEGY};</li>
 *   <li>what the image's own commands read (docker/Dockerfile's ENTRYPOINT and HEALTHCHECK: {@code JAVA_OPTS},
 *       {@code SERVER_PORT});</li>
 * </ul>
 */
final class BridgeVariables {

    static final Path APPLICATION_YML = Path.of("src/main/resources/application.yml");
    static final Path DOCKERFILE = Path.of("docker/Dockerfile");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern DOCUMENTED_RELAXED = Pattern.compile("`((?:SPRING|SERVER|LOGGING)_[A-Z0-9_]+)`");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)");
    private static final Pattern NAME = Pattern.compile("\\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\\b");

    private BridgeVariables() {}

    /** Every variable the bridge (or its image) reads. */
    static Set<String> known() {
        Set<String> known = new TreeSet<>(fromApplicationYml());
        known.addAll(documentedRelaxedBinding());
        known.addAll(readByTheImage());
        return known;
    }

    static Set<String> fromApplicationYml() {
        return matches(PLACEHOLDER, read(APPLICATION_YML));
    }

    static Set<String> documentedRelaxedBinding() {
        return matches(DOCUMENTED_RELAXED, ProjectDocs.allText());
    }

    static Set<String> readByTheImage() {
        Set<String> names = new TreeSet<>();
        String joined = read(DOCKERFILE).replace("\\\n", " ");
        joined.lines().filter(l -> l.startsWith("ENTRYPOINT") || l.startsWith("HEALTHCHECK"))
                .forEach(l -> names.addAll(matches(SHELL_VARIABLE, l)));
        return names;
    }

    /**
     * What live mode refuses to start without, asked of the bridge's own checks with nothing set: the vendor
     * accounts ({@link VendorConnections}) and the operator account ({@link AdminCredentials}).
     */
    static Set<String> requiredInLiveMode() {
        Set<String> required = new TreeSet<>();
        var nothing = new ConnectionProperties(new ConnectionProperties.Reveni(null, null, null),
                new ConnectionProperties.Sitoo(null, null, null, null), null);
        required.addAll(namesInRefusal(() -> VendorConnections.checkFor(BridgeMode.LIVE, nothing)));
        required.addAll(namesInRefusal(() -> AdminCredentials.resolve(BridgeMode.LIVE, new AdminProperties(null, null))));
        return required;
    }

    private static Set<String> namesInRefusal(Runnable check) {
        try {
            check.run();
        } catch (IllegalStateException refused) {
            Set<String> names = matches(NAME, refused.getMessage());
            names.remove("BRIDGE_MODE"); // the message suggests the sandbox; it is not a credential
            return names;
        }
        throw new AssertionError("live mode started with nothing set");
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The names of {@code names} that the bridge does not read, each with where it was found. */
    static List<String> unknown(Iterable<String> names, String where) {
        Set<String> known = known();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            // LOGGING_LEVEL_<PACKAGE>: Spring's level for any logger the documentation names, one name per package.
            if (!known.contains(name) && !name.startsWith("LOGGING_LEVEL_")) {
                unknown.add(name + " (" + where + ")");
            }
        }
        return unknown;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.returnsbridge.failure.BridgeErrorPolicy;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

/** Every file integrators can edit in routes/ loads, and every route in it runs under the shared error policy. */
class RoutesDirectoryTest extends SandboxedBridgeTest {

    @Autowired
    private CamelContext camelContext;

    @Test
    void everyRouteInTheRoutesFolderIsLoadedStartedAndUsesTheErrorPolicy() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("routes"))) {
            files = listing.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        assertThat(files).isNotEmpty();
        List<String> ids = new ArrayList<>();
        for (Path file : files) {
            try (Reader reader = Files.newBufferedReader(file)) {
                List<Map<String, Map<String, Object>>> doc = new Yaml().load(reader);
                for (var element : doc) {
                    var route = element.get("route");
                    if (route != null) {
                        assertThat(route.get("id")).as("every route in " + file + " has an explicit id").isNotNull();
                        assertThat(route.get("routeConfigurationId")).as(file + " uses the shared error policy")
                                .isEqualTo(BridgeErrorPolicy.ID);
                        ids.add((String) route.get("id"));
                    }
                }
            }
        }
        for (String id : ids) {
            assertThat(camelContext.getRoute(id)).as("route " + id).isNotNull();
            assertThat(camelContext.getRouteController().getRouteStatus(id)).isEqualTo(ServiceStatus.Started);
        }
    }
}

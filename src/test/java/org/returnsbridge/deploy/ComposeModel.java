package org.returnsbridge.deploy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The part of the Compose specification docker/compose.yaml uses, and nothing more: a field outside it (a typo,
 * or a feature nobody checked) is refused by {@link StrictYaml}. No JSON schema of Compose is published on Maven
 * Central, so this model is the strict reader. Anchors and merge keys are resolved before binding.
 */
final class ComposeModel {

    private ComposeModel() {}

    record File(String name, Map<String, Service> services, Map<String, Secret> secrets, Map<String, NamedVolume> volumes,
                // the shared blocks the bridges merge in (YAML anchors); already resolved into each service
                @JsonProperty("x-bridge") Map<String, Object> bridgeTemplate,
                @JsonProperty("x-bridge-environment") Map<String, String> bridgeEnvironment) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Service(String image, Build build, String restart, Map<String, Dependency> dependsOn, String stopGracePeriod,
                   Map<String, String> environment, List<String> volumes, List<String> ports, Healthcheck healthcheck,
                   List<String> secrets) {}

    record Build(String context, String dockerfile) {}

    record Dependency(String condition) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Healthcheck(List<String> test, String interval, String timeout, Integer retries, String startPeriod) {}

    /** A secret from a variable of Compose's environment (docker/.env), mounted as /run/secrets/NAME. */
    record Secret(String environment) {}

    record NamedVolume() {}
}

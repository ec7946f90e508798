package org.returnsbridge.deploy;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The part of Prometheus's configuration docker/prometheus/prometheus.yml uses. {@link BasicAuth} has no
 * {@code password}: a password written into the file is an unknown field, refused.
 */
final class PrometheusModel {

    private PrometheusModel() {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Config(Global global, List<String> ruleFiles, List<ScrapeConfig> scrapeConfigs) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Global(String scrapeInterval, String evaluationInterval) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ScrapeConfig(String jobName, String metricsPath, BasicAuth basicAuth, List<StaticConfig> staticConfigs) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BasicAuth(String usernameFile, String passwordFile) {}

    record StaticConfig(List<String> targets) {}
}

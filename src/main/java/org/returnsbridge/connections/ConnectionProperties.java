package org.returnsbridge.connections;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How to reach the two vendors. Every field comes from an environment variable (see application.yml
 * and docs/configuration.md). Leaving both base URLs empty selects sandbox mode.
 */
@ConfigurationProperties(prefix = "bridge.connections")
public record ConnectionProperties(Reveni reveni, Sitoo sitoo, Sandbox sandbox) {

    public record Reveni(String baseUrl, String apiKey, String storeId) {}

    public record Sitoo(String baseUrl, String apiId, String apiPassword, Integer siteId) {}

    /**
     * The embedded sandbox: where it listens, whether it generates a trickle of demo returns, and the
     * faults each fake vendor starts with (JSON, as PUT /sandbox/faults/{vendor} takes it).
     */
    public record Sandbox(Integer port, Boolean trickle, Integer trickleIntervalSeconds, String sitooFaults,
                          String reveniFaults, Boolean webhooks) {}
}

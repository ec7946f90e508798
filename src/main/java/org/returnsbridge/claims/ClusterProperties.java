package org.returnsbridge.claims;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Several bridge nodes sharing one database. {@code nodeId} names this node in every claim it takes and in
 * its log lines (blank: host name, process id and a short random part, so two nodes never share one).
 * {@code claimTtl}: how long a claim holds without its holder finishing; a node that dies leaves claims
 * that others take over after this long. It must outlast one Sitoo call (checked at start-up).
 */
@Validated
@ConfigurationProperties(prefix = "bridge.cluster")
public record ClusterProperties(
        @Pattern(regexp = "[A-Za-z0-9._-]{0,60}", message = "BRIDGE_NODE_ID may hold only letters, digits, '.', '_'"
                + " and '-', at most 60 of them") String nodeId,
        @NotNull Duration claimTtl) {}

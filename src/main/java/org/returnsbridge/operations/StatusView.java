package org.returnsbridge.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.returnsbridge.mapping.Mappings;

/**
 * Is the bridge doing its job right now: how restocks reach Sitoo (the sync mode), how long ago the last complete
 * poll of Reveni started, the state of Sitoo's circuit breaker on this node, and the mappings in force.
 */
public record StatusView(String bridgeMode, String syncMode, String syncDetail, boolean pollEnabled,
                         Instant lastPoll, Long pollLagSeconds, String pollLag, String maxPollLag, boolean pollLate,
                         String circuitState, List<Location> locations, int conditions, String unknownCondition,
                         int reasons, String defaultReasonCode, int skuOverrides) {

    public record Location(String locationId, int warehouseId, String description) {}

    static StatusView of(String bridgeMode, String syncMode, String syncDetail, boolean pollEnabled,
                         Optional<Instant> lastPoll, Duration maxPollLag, String circuitState, Mappings mappings,
                         Instant now) {
        Long lag = lastPoll.map(at -> Duration.between(at, now).toSeconds()).orElse(null);
        List<Location> locations = mappings.locations().values().stream()
                .map(l -> new Location(l.locationId(), l.warehouseId(), l.description()))
                .sorted(Comparator.comparing(Location::locationId)).toList();
        return new StatusView(bridgeMode, syncMode, syncDetail, pollEnabled, lastPoll.orElse(null), lag,
                lag == null ? "no complete poll yet" : HumanDuration.of(lag), HumanDuration.of(maxPollLag),
                pollEnabled && lag != null && lag > maxPollLag.toSeconds(), circuitState, locations,
                mappings.conditions().size(), StateNames.key(mappings.unknownCondition()), mappings.reasons().size(),
                mappings.defaultReasonCode(), mappings.skuOverrides().size());
    }
}

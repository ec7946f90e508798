package org.returnsbridge.mapping;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One consistent, validated set of the four integrator-owned mapping files. Immutable: a reload
 * builds a new instance and swaps it in whole, so a line never sees half an edit.
 */
public record Mappings(
        Path directory,
        Map<String, MappedLocation> locations,
        Map<String, ReturnDecision> conditions,
        ReturnDecision unknownCondition,
        Map<String, String> reasons,
        String defaultReasonCode,
        Map<String, String> skuOverrides) {

    public Optional<MappedLocation> location(String reveniLocationId) {
        return Optional.ofNullable(reveniLocationId).map(locations::get);
    }

    /** Condition values are matched case-insensitively; anything unlisted gets {@link #unknownCondition}. */
    public ReturnDecision decisionFor(String condition) {
        return conditions.getOrDefault(condition.trim().toLowerCase(Locale.ROOT), unknownCondition);
    }

    public boolean isKnownCondition(String condition) {
        return conditions.containsKey(condition.trim().toLowerCase(Locale.ROOT));
    }

    /** The Sitoo reason code for a Reveni return reason, the default, or null for none. */
    public String reasonCodeFor(String returnReason) {
        return returnReason == null ? defaultReasonCode : reasons.getOrDefault(returnReason, defaultReasonCode);
    }

    public String sitooSkuFor(String reveniSku) {
        return skuOverrides.getOrDefault(reveniSku, reveniSku);
    }
}

package org.returnsbridge.mapping;

/** What a (re)load put in force, for the operator who asked for it. */
public record MappingsSummary(String directory, int locations, int conditions, String unknownCondition,
                              int reasons, int skuOverrides) {

    public static MappingsSummary of(Mappings mappings) {
        return new MappingsSummary(mappings.directory().toAbsolutePath().normalize().toString(),
                mappings.locations().size(), mappings.conditions().size(), mappings.unknownCondition().name(),
                mappings.reasons().size(), mappings.skuOverrides().size());
    }

    public String sentence() {
        return "mappings reloaded from " + directory + ": " + locations + " locations, " + conditions
                + " conditions (unknown → " + unknownCondition + "), " + reasons + " reasons, " + skuOverrides
                + " SKU overrides";
    }
}

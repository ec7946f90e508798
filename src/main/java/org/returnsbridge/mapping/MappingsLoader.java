package org.returnsbridge.mapping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Parses and checks the mapping directory. Everything that can be checked without Sitoo is checked
 * here; {@link WarehouseCheck} adds the checks against Sitoo's warehouse list.
 */
public final class MappingsLoader {

    public static final String LOCATIONS = "locations.yaml";
    public static final String CONDITIONS = "conditions.yaml";
    public static final String REASONS = "reasons.yaml";
    public static final String SKUS = "skus.yaml";

    private MappingsLoader() {}

    public static Mappings load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new MappingFileException(directory, 0,
                    "mapping directory not found (set BRIDGE_MAPPINGS_DIR to the folder holding " + LOCATIONS + ")");
        }
        Map<String, MappedLocation> locations = locations(YamlMappingFile.read(directory.resolve(LOCATIONS)));
        YamlMappingFile conditionsFile = YamlMappingFile.read(directory.resolve(CONDITIONS));
        Map<String, ReturnDecision> conditions = conditions(conditionsFile);
        ReturnDecision unknown = unknownCondition(conditionsFile);

        Map<String, String> reasons = Map.of();
        String defaultReason = null;
        if (Files.exists(directory.resolve(REASONS))) {
            YamlMappingFile reasonsFile = YamlMappingFile.read(directory.resolve(REASONS));
            reasons = stringPairs(reasonsFile, "reasons", "reason code");
            ScalarNode def = reasonsFile.topLevelScalar("default");
            defaultReason = def == null || def.getValue().isBlank() ? null : checkReasonCode(reasonsFile, def);
        }
        Map<String, String> skus = Files.exists(directory.resolve(SKUS))
                ? stringPairs(YamlMappingFile.read(directory.resolve(SKUS)), "skus", "Sitoo SKU")
                : Map.of();
        return new Mappings(directory, locations, conditions, unknown, reasons, defaultReason, skus);
    }

    private static Map<String, MappedLocation> locations(YamlMappingFile file) {
        Map<String, MappedLocation> result = new LinkedHashMap<>();
        file.section("locations", true).forEach((key, value) -> {
            String locationId = key.getValue().trim();
            Map<ScalarNode, Node> fields = file.entries(value,
                    "location '" + locationId + "' must be a mapping with warehouseid (and description)");
            Node warehouse = null;
            String description = "";
            for (var field : fields.entrySet()) {
                switch (field.getKey().getValue()) {
                    case "warehouseid" -> warehouse = field.getValue();
                    case "description" -> description = file.scalar(field.getValue(), "description");
                    default -> throw file.error(field.getKey(), "unknown key '" + field.getKey().getValue()
                            + "' in location '" + locationId + "', expected warehouseid or description");
                }
            }
            if (warehouse == null) {
                throw file.error(value, "location '" + locationId + "' has no warehouseid");
            }
            int warehouseId = positiveInt(file, warehouse, "warehouseid of location '" + locationId + "'");
            result.put(locationId, new MappedLocation(locationId, warehouseId, description, YamlMappingFile.line(key)));
        });
        if (result.isEmpty()) {
            throw new MappingFileException(file.file(), 0, "'locations' maps no location, so nothing could be restocked");
        }
        return Collections.unmodifiableMap(result);
    }

    private static Map<String, ReturnDecision> conditions(YamlMappingFile file) {
        Map<String, ReturnDecision> result = new LinkedHashMap<>();
        file.section("conditions", true).forEach((key, value) ->
                result.put(key.getValue().trim().toLowerCase(Locale.ROOT), decision(file, value, key.getValue())));
        return Collections.unmodifiableMap(result);
    }

    /** What a condition nobody listed gets. RESTOCK is refused: an unknown state never becomes stock. */
    private static ReturnDecision unknownCondition(YamlMappingFile file) {
        ScalarNode node = file.topLevelScalar("unknown");
        if (node == null) {
            return ReturnDecision.HOLD;
        }
        ReturnDecision decision = decision(file, node, "unknown");
        if (decision == ReturnDecision.RESTOCK) {
            throw file.error(node, "'unknown' may be HOLD or NO_RESTOCK, never RESTOCK: "
                    + "an unrecognised inspection outcome must not become sellable stock");
        }
        return decision;
    }

    private static ReturnDecision decision(YamlMappingFile file, Node node, String what) {
        String value = file.scalar(node, "the decision for '" + what + "'");
        try {
            return ReturnDecision.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw file.error(node, "the decision for '" + what + "' must be RESTOCK, NO_RESTOCK or HOLD, got '" + value + "'");
        }
    }

    private static Map<String, String> stringPairs(YamlMappingFile file, String section, String what) {
        Map<String, String> result = new LinkedHashMap<>();
        file.section(section, false).forEach((key, value) -> {
            String v = file.scalar(value, what + " for '" + key.getValue() + "'");
            result.put(key.getValue().trim(), section.equals("reasons") ? checkReasonCode(file, (ScalarNode) value) : v);
        });
        return Collections.unmodifiableMap(result);
    }

    private static String checkReasonCode(YamlMappingFile file, ScalarNode node) {
        String code = node.getValue().trim();
        if (code.length() > 64) {
            throw file.error(node, "reason code '" + code + "' is longer than 64 characters");
        }
        return code;
    }

    private static int positiveInt(YamlMappingFile file, Node node, String what) {
        String value = file.scalar(node, what);
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the value that was found
        }
        throw file.error(node, what + " must be a positive integer (a Sitoo warehouseid), got '" + value + "'");
    }
}

package org.returnsbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.returnsbridge.sitoo.SitooWarehouse;

/** The mapping files integrators edit: what they may say, and how a mistake is reported. */
class MappingsLoaderTest {

    private static final String CONDITIONS = "conditions:\n  sellable: RESTOCK\n  damaged: NO_RESTOCK\n";
    private static final String LOCATIONS = "locations:\n  store-a:\n    warehouseid: 1\n    description: A\n";

    @TempDir
    Path dir;

    @Test
    void shippedMappingsLoadAndMatchTheSandboxWarehouses() {
        Mappings m = MappingsLoader.load(Path.of("mappings"));

        assertThat(m.locations()).containsKeys("store-stockholm-01", "store-goteborg-01", "dc-boras");
        assertThat(m.decisionFor("Sellable")).isEqualTo(ReturnDecision.RESTOCK);
        assertThat(m.decisionFor("damaged")).isEqualTo(ReturnDecision.NO_RESTOCK);
        assertThat(m.decisionFor("never-heard-of-it")).isEqualTo(ReturnDecision.HOLD);
        assertThat(m.reasonCodeFor("size_too_small")).isEqualTo("102");
        assertThat(m.reasonCodeFor("changed_mind")).isEqualTo("101");
        assertThat(m.sitooSkuFor("10038-1")).isEqualTo("10038-1");
        WarehouseCheck.check(m, List.of(warehouse(1, 10), warehouse(2, 10), warehouse(3, 10), warehouse(9, 20)));
    }

    @Test
    void optionalFilesMayBeAbsent() throws IOException {
        write(LOCATIONS, CONDITIONS);

        Mappings m = MappingsLoader.load(dir);

        assertThat(m.reasons()).isEmpty();
        assertThat(m.reasonCodeFor("anything")).isNull();
        assertThat(m.skuOverrides()).isEmpty();
        assertThat(m.unknownCondition()).isEqualTo(ReturnDecision.HOLD);
    }

    @Test
    void skuOverridesAndReasonDefaultsApply() throws IOException {
        write(LOCATIONS, CONDITIONS);
        Files.writeString(dir.resolve("skus.yaml"), "skus:\n  OLD-1: 10038-1\n");
        Files.writeString(dir.resolve("reasons.yaml"), "reasons:\n  defective: \"103\"\ndefault: \"101\"\n");

        Mappings m = MappingsLoader.load(dir);

        assertThat(m.sitooSkuFor("OLD-1")).isEqualTo("10038-1");
        assertThat(m.sitooSkuFor("10038-2")).isEqualTo("10038-2");
        assertThat(m.reasonCodeFor("defective")).isEqualTo("103");
        assertThat(m.reasonCodeFor(null)).isEqualTo("101");
    }

    @Test
    void malformedYamlNamesTheFileAndLine() throws IOException {
        write("locations:\n  store-a:\n    warehouseid: 1\n   description: [unclosed\n", CONDITIONS);

        assertThatThrownBy(() -> MappingsLoader.load(dir))
                .isInstanceOf(MappingFileException.class)
                .hasMessageContaining("locations.yaml line ")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void nonNumericWarehouseIdNamesTheEntryAndLine() throws IOException {
        write("locations:\n  store-a:\n    warehouseid: 1\n  store-b:\n    warehouseid: three\n", CONDITIONS);

        assertThatThrownBy(() -> MappingsLoader.load(dir))
                .hasMessageContaining("locations.yaml line 5")
                .hasMessageContaining("warehouseid of location 'store-b' must be a positive integer")
                .hasMessageContaining("'three'");
    }

    @Test
    void missingWarehouseIdAndUnknownKeysAreRefused() throws IOException {
        write("locations:\n  store-a:\n    description: no id\n", CONDITIONS);
        assertThatThrownBy(() -> MappingsLoader.load(dir)).hasMessageContaining("store-a' has no warehouseid");

        write("locations:\n  store-a:\n    warehouseid: 1\n    warehouse: 2\n", CONDITIONS);
        assertThatThrownBy(() -> MappingsLoader.load(dir))
                .hasMessageContaining("line 4").hasMessageContaining("unknown key 'warehouse'");
    }

    @Test
    void duplicateLocationIsRefused() throws IOException {
        write("locations:\n  store-a:\n    warehouseid: 1\n  store-a:\n    warehouseid: 2\n", CONDITIONS);

        assertThatThrownBy(() -> MappingsLoader.load(dir)).hasMessageContaining("locations.yaml")
                .hasMessageContaining("duplicate");
    }

    @Test
    void unknownDecisionIsRefusedWithWhatIsAllowed() throws IOException {
        write(LOCATIONS, "conditions:\n  sellable: PUT_BACK\n");

        assertThatThrownBy(() -> MappingsLoader.load(dir))
                .hasMessageContaining("conditions.yaml line 2")
                .hasMessageContaining("must be RESTOCK, NO_RESTOCK or HOLD, got 'PUT_BACK'");
    }

    @Test
    void unknownConditionMayNeverRestock() throws IOException {
        write(LOCATIONS, CONDITIONS + "unknown: RESTOCK\n");

        assertThatThrownBy(() -> MappingsLoader.load(dir))
                .hasMessageContaining("conditions.yaml line 4")
                .hasMessageContaining("never RESTOCK");
    }

    @Test
    void missingFilesAndSectionsAreNamed() throws IOException {
        assertThatThrownBy(() -> MappingsLoader.load(dir.resolve("nope"))).hasMessageContaining("BRIDGE_MAPPINGS_DIR");

        Files.writeString(dir.resolve("conditions.yaml"), CONDITIONS);
        assertThatThrownBy(() -> MappingsLoader.load(dir)).hasMessageContaining("locations.yaml: file not found");

        write("stores:\n  a: 1\n", CONDITIONS);
        assertThatThrownBy(() -> MappingsLoader.load(dir)).hasMessageContaining("missing top-level key 'locations'");
    }

    @Test
    void virtualWarehouseIsRefusedNamingTheFileAndEntry() throws IOException {
        write("locations:\n  store-a:\n    warehouseid: 1\n  webshop:\n    warehouseid: 9\n", CONDITIONS);
        Mappings m = MappingsLoader.load(dir);

        assertThatThrownBy(() -> WarehouseCheck.check(m, List.of(warehouse(1, 10), warehouse(9, 20))))
                .hasMessageContaining("locations.yaml line 4")
                .hasMessageContaining("'webshop'")
                .hasMessageContaining("virtual warehouse");
    }

    @Test
    void warehouseSitooDoesNotHaveIsRefused() throws IOException {
        write("locations:\n  store-a:\n    warehouseid: 42\n", CONDITIONS);
        Mappings m = MappingsLoader.load(dir);

        assertThatThrownBy(() -> WarehouseCheck.check(m, List.of(warehouse(1, 10), warehouse(2, 10))))
                .hasMessageContaining("locations.yaml line 2")
                .hasMessageContaining("warehouseid 42, which Sitoo does not have (known: 1, 2)");
    }

    private void write(String locations, String conditions) throws IOException {
        Files.writeString(dir.resolve("locations.yaml"), locations);
        Files.writeString(dir.resolve("conditions.yaml"), conditions);
    }

    private static SitooWarehouse warehouse(int id, int type) {
        return new SitooWarehouse(id, type, "W" + id);
    }
}

package org.returnsbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.exceptions.ExceptionQueueManagement;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Editing a mapping file, reloading it over REST and replaying what it blocked — against a copy of
 * mappings/ in a folder of its own, so the edits touch nothing else. (A context of its own, with its
 * own database.)
 */
class MappingReloadTest extends SandboxedBridgeTest {

    private static final Path MAPPINGS = copyOfProjectMappings();
    private static final Path LOCATIONS = MAPPINGS.resolve(MappingsLoader.LOCATIONS);
    private static final String ORIGINAL_LOCATIONS = read(LOCATIONS).stripTrailing() + "\n";
    private static final String SCARF = "10038-1";
    private static final int GOTEBORG = 2;

    @DynamicPropertySource
    static void ownMappingsAndDatabase(DynamicPropertyRegistry registry) {
        registry.add("bridge.mappings.dir", MAPPINGS::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:bridge-mapping-reload;DB_CLOSE_DELAY=-1");
    }

    @Autowired
    private MappingRegistry registry;
    /** The MBean's bean itself, called directly (ExceptionQueueMBeanTest goes through JMX). */
    @Autowired
    private ExceptionQueueManagement management;

    @BeforeEach
    void originalMappingsInForce() throws IOException {
        Files.writeString(LOCATIONS, ORIGINAL_LOCATIONS);
        registry.reload();
    }

    @Test
    void unmappedLocationIsRestockedAfterTheMappingIsAddedReloadedAndReplayed() throws IOException {
        String item = newId();
        sandbox.putReturn(aReturn().location("store-malmo-01").sellable(item, SCARF, 1).json());
        poll();
        ExceptionRecord record = onlyException(item);
        assertThat(record.category()).isEqualTo(ExceptionCategory.UNMAPPED_LOCATION);

        Files.writeString(LOCATIONS, ORIGINAL_LOCATIONS + "  store-malmo-01: {warehouseid: 2}\n");
        ResponseEntity<JsonNode> reloaded = asOperator().postForEntity("/api/mappings/reload", null, JsonNode.class);

        assertThat(reloaded.getStatusCode().value()).isEqualTo(200);
        assertThat(reloaded.getBody().path("status").asText()).isEqualTo("reloaded");
        assertThat(reloaded.getBody().path("locations").asInt()).isEqualTo(4);
        assertThat(sandbox.stockLevels()).as("a reload alone moves no stock").isEmpty();

        ResponseEntity<JsonNode> replayed = asOperator().postForEntity("/api/exceptions/" + record.id() + "/replay",
                null, JsonNode.class);

        assertThat(replayed.getBody().path("outcome").asText()).isEqualTo("RESOLVED");
        assertThat(sandbox.stock(GOTEBORG, SCARF)).isEqualByComparingTo("1");
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(line(item).warehouseId()).isEqualTo(GOTEBORG);
    }

    @Test
    void mappingToAVirtualWarehouseIsRefusedNamingFileAndLineAndThePreviousMappingStays() throws IOException {
        Files.writeString(LOCATIONS, ORIGINAL_LOCATIONS + "  store-malmo-01:\n    warehouseid: 2\n");
        assertThat(reload().getStatusCode().value()).isEqualTo(200);
        int malmoLine = (int) ORIGINAL_LOCATIONS.lines().count() + 1;

        Files.writeString(LOCATIONS, ORIGINAL_LOCATIONS + "  store-malmo-01:\n    warehouseid: 9\n");
        ResponseEntity<JsonNode> refused = reload();

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().path("detail").asText())
                .contains("locations.yaml line " + malmoLine).contains("'store-malmo-01'").contains("virtual warehouse");
        assertPreviousMalmoMappingStillRestocksIntoGoteborg();
    }

    @Test
    void brokenYamlIsRefusedNamingFileAndLineAndThePreviousMappingStays() throws IOException {
        Files.writeString(LOCATIONS, ORIGINAL_LOCATIONS + "  store-malmo-01:\n    warehouseid: 2\n");
        assertThat(reload().getStatusCode().value()).isEqualTo(200);
        int brokenLine = (int) ORIGINAL_LOCATIONS.lines().count() + 3;

        Files.writeString(LOCATIONS, ORIGINAL_LOCATIONS + "  store-malmo-01:\n    warehouseid: 2\n  - store-lund-01\n");
        ResponseEntity<JsonNode> refused = reload();

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().path("detail").asText())
                .contains("locations.yaml line " + brokenLine).contains("not valid YAML");
        assertPreviousMalmoMappingStillRestocksIntoGoteborg();
    }

    @Test
    void jmxReloadAnswersARefusalInWords() throws IOException {
        Files.writeString(LOCATIONS, ORIGINAL_LOCATIONS + "  store-malmo-01:\n    warehouseid: 42\n");

        String answer = management.reloadMappings();

        assertThat(answer).startsWith("refused, the previous mappings stay in force: ")
                .contains("locations.yaml line " + (ORIGINAL_LOCATIONS.lines().count() + 1))
                .contains("warehouseid 42, which Sitoo does not have");
        assertThat(registry.current().location("store-malmo-01")).isEmpty();
    }

    private void assertPreviousMalmoMappingStillRestocksIntoGoteborg() {
        String item = newId();
        sandbox.putReturn(aReturn().location("store-malmo-01").sellable(item, SCARF, 1).json());
        poll();
        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(sandbox.stock(GOTEBORG, SCARF)).isEqualByComparingTo("1");
    }

    private ResponseEntity<JsonNode> reload() {
        return asOperator().postForEntity("/api/mappings/reload", null, JsonNode.class);
    }

    private ExceptionRecord onlyException(String item) {
        assertThat(exceptionsFor(item)).hasSize(1);
        return exceptionsFor(item).get(0);
    }

    private static Path copyOfProjectMappings() {
        try {
            Path dir = Files.createTempDirectory("bridge-mappings-");
            dir.toFile().deleteOnExit();
            try (Stream<Path> files = Files.list(Path.of("mappings"))) {
                for (Path file : files.toList()) {
                    Path copy = Files.copy(file, dir.resolve(file.getFileName()));
                    copy.toFile().deleteOnExit();
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

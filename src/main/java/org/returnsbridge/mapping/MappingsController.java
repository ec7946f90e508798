package org.returnsbridge.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Puts edited mapping files in force without a restart. The whole directory is validated, against
 * Sitoo too, before anything changes: a bad edit is answered 422 with the file, the line and what was
 * expected, and the mappings already in force stay so.
 */
@RestController
@RequestMapping("/api/mappings")
public class MappingsController {

    private static final Logger log = LoggerFactory.getLogger(MappingsController.class);

    private final MappingRegistry registry;

    public MappingsController(MappingRegistry registry) {
        this.registry = registry;
    }

    @PostMapping("/reload")
    public ResponseEntity<Map<String, Object>> reload() {
        Mappings loaded;
        try {
            loaded = registry.reload();
        } catch (RuntimeException refused) {
            log.warn("Mappings not reloaded, the previous ones stay in force: {}", refused.getMessage());
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(Map.of(
                    "detail", String.valueOf(refused.getMessage()),
                    "status", "refused: the previous mappings stay in force"));
        }
        MappingsSummary summary = MappingsSummary.of(loaded);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "reloaded");
        body.put("directory", summary.directory());
        body.put("locations", summary.locations());
        body.put("conditions", summary.conditions());
        body.put("unknownCondition", summary.unknownCondition());
        body.put("reasons", summary.reasons());
        body.put("skuOverrides", summary.skuOverrides());
        return ResponseEntity.ok(body);
    }
}

package org.returnsbridge.reconciliation;

import java.time.LocalDate;
import java.util.Map;

import org.returnsbridge.support.RequestDates;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reconciliation on demand, and the stored reports (JSON, or the CSV finance opens). A date is YYYY-MM-DD
 * between 1970 and 9999, else 400.
 */
@RestController
@RequestMapping("/api/reconciliation")
public class ReconciliationController {

    private final ReconciliationService service;

    public ReconciliationController(ReconciliationService service) {
        this.service = service;
    }

    @PostMapping("/run")
    public ResponseEntity<?> run(@RequestParam(required = false) String date) {
        LocalDate day = date == null ? service.yesterday() : RequestDates.day("date", date);
        service.run(day);
        return stored(day);
    }

    @GetMapping("/{date}")
    public ResponseEntity<?> report(@PathVariable String date) {
        return stored(RequestDates.day("date", date));
    }

    @GetMapping(value = "/{date}/csv", produces = "text/csv")
    public ResponseEntity<?> csv(@PathVariable String date) throws java.io.IOException {
        LocalDate day = RequestDates.day("date", date);
        var file = service.csvFile(day);
        if (!java.nio.file.Files.exists(file)) {
            return ResponseEntity.status(404).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("detail", "no report for " + day + " yet: POST /api/reconciliation/run?date=" + day));
        }
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"")
                .body(java.nio.file.Files.readString(file));
    }

    private ResponseEntity<?> stored(LocalDate day) {
        return service.storedJson(day)
                .<ResponseEntity<?>>map(body -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body))
                .orElseGet(() -> ResponseEntity.status(404).body(Map.of("detail", "no report for " + day
                        + " yet: POST /api/reconciliation/run?date=" + day)));
    }
}

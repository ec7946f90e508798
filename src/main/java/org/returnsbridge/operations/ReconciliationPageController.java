package org.returnsbridge.operations;

import java.time.LocalDate;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.returnsbridge.reconciliation.ReconciliationService;
import org.returnsbridge.support.RequestDates;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The latest reconciliation (or one day's): its findings and the CSV finance downloads. */
@Controller
class ReconciliationPageController {

    /** Findings listed on the page; all of them are in the CSV. */
    static final int MAX_FINDINGS = 500;

    private final ReconciliationService service;
    private final ObjectMapper json;

    ReconciliationPageController(ReconciliationService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @GetMapping("/operations/reconciliation")
    String reconciliation(@RequestParam(required = false) String date, Model model) {
        Optional<LocalDate> day = date == null || date.isBlank() ? service.latestDate()
                : Optional.of(RequestDates.day("date", date.trim()));
        model.addAttribute("page", "reconciliation");
        model.addAttribute("asked", day.map(LocalDate::toString).orElse(null));
        model.addAttribute("report", day.flatMap(service::storedJson)
                .map(stored -> ReconciliationView.of(stored, json, MAX_FINDINGS)).orElse(null));
        return "operations/reconciliation";
    }
}

package org.returnsbridge.ledger;

import java.util.List;
import java.util.Map;

import org.returnsbridge.sales.SalesLedger;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where each line of a return stands, for store and finance teams and for support. */
@RestController
@RequestMapping("/api/returns")
public class ReturnsController {

    private final LedgerRepository ledger;
    private final SalesLedger sales;

    public ReturnsController(LedgerRepository ledger, SalesLedger sales) {
        this.ledger = ledger;
        this.sales = sales;
    }

    @GetMapping("/{returnId}")
    public ResponseEntity<?> byReturn(@PathVariable String returnId) {
        List<LedgerLine> lines = ledger.findByReturn(returnId);
        if (lines.isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("detail", "no lines recorded for return " + returnId));
        }
        return ResponseEntity.ok(Map.of("returnId", returnId, "lines", lines, "sales", sales.findByReturn(returnId)));
    }
}

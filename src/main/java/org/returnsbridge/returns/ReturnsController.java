package org.returnsbridge.returns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.ledger.TransitionState;
import org.returnsbridge.sales.SalesLedger;
import org.returnsbridge.support.RequestDates;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Where each return stands, for store and finance teams and for support. */
@RestController
@RequestMapping("/api/returns")
public class ReturnsController {

    private static final int MAX_LIMIT = 1000;

    private final LedgerRepository ledger;
    private final SalesLedger sales;
    private final Clock clock;

    public ReturnsController(LedgerRepository ledger, SalesLedger sales, Clock clock) {
        this.ledger = ledger;
        this.sales = sales;
        this.clock = clock;
    }

    @GetMapping("/{returnId}")
    public ResponseEntity<?> byReturn(@PathVariable String returnId) {
        List<LedgerLine> lines = ledger.findByReturn(returnId);
        if (lines.isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("detail", "no lines recorded for return "
                    + RequestDates.echo(returnId)));
        }
        ReturnOverview overview = ReturnOverview.of(returnId, lines, sales.findByReturn(returnId), clock.instant());
        return ResponseEntity.ok(Map.of("returnId", returnId, "state", overview.state(), "lines", lines,
                "transitions", overview.lines(), "sales", overview.sales(), "ageSeconds", overview.ageSeconds(),
                "ageInStateSeconds", overview.ageInStateSeconds()));
    }

    /**
     * Returns first seen in [from, to) (dates or instants, 1970..9999; default the last 30 days), optionally only
     * those in one transition state, oldest first (by first seen, then return id), with their ages. A full page
     * answers {@code next}, the cursor of the page after it: {@code from} = the last return's first-seen instant and
     * {@code after} = its id, so that returns sharing one first-seen instant are never skipped nor repeated.
     */
    @GetMapping
    public ResponseEntity<?> list(@RequestParam(required = false) String state,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String after,
                                  @RequestParam(required = false) String to,
                                  @RequestParam(defaultValue = "200") int limit) {
        TransitionState wanted = null;
        if (state != null && !state.isBlank()) {
            try {
                wanted = TransitionState.valueOf(state.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return ResponseEntity.badRequest().body(Map.of("detail", "unknown state '" + RequestDates.echo(state)
                        + "': one of "
                        + Arrays.toString(TransitionState.values())));
            }
        }
        String afterReturnId = after == null || after.isEmpty() ? null : after;
        if (afterReturnId != null && from == null) {
            return ResponseEntity.badRequest().body(Map.of("detail", "after needs from: the first-seen instant of the"
                    + " return it names (a page's next.from)"));
        }
        Instant now = clock.instant();
        Instant fromInstant = from == null ? now.minus(Duration.ofDays(30)) : RequestDates.dayOrInstant("from", from);
        Instant toInstant = to == null ? now.plus(Duration.ofDays(1)) : RequestDates.dayOrInstant("to", to);
        if (fromInstant.isAfter(toInstant)) {
            return ResponseEntity.badRequest().body(Map.of("detail", "from (" + fromInstant + ") is after to ("
                    + toInstant + ")"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return ResponseEntity.badRequest().body(Map.of("detail", "limit must be 1.." + MAX_LIMIT));
        }
        List<LedgerLine> lines = ledger.findByFirstSeen(fromInstant, afterReturnId, toInstant, limit);
        List<ReturnOverview> page = ReturnOverview.ofEach(lines, sales.findByReturns(ReturnOverview.returnIds(lines)), now);
        List<ReturnOverview> returns = new ArrayList<>();
        for (ReturnOverview overview : page) {
            if (wanted == null || overview.state() == wanted) {
                returns.add(overview);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", fromInstant);
        body.put("to", toInstant);
        body.put("count", returns.size());
        body.put("returns", returns);
        if (page.size() == limit) {
            // The cursor is the last return read, not the last one answered: a state filter may have dropped it.
            ReturnOverview last = page.get(page.size() - 1);
            body.put("next", Map.of("from", last.firstSeen(), "after", last.returnId()));
        }
        return ResponseEntity.ok(body);
    }
}

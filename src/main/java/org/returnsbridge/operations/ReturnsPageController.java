package org.returnsbridge.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.ledger.TransitionState;
import org.returnsbridge.returns.ReturnOverview;
import org.returnsbridge.sales.SalesLedger;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The returns list: what came in during the last {@link #WINDOW} (any time when looking up an id), newest first,
 * at most {@link #LIMIT} returns, each in its transition state with its age.
 */
@Controller
class ReturnsPageController {

    static final Duration WINDOW = Duration.ofDays(30);
    static final int LIMIT = 200;
    private static final int LONGEST_QUERY = 64;

    private final LedgerRepository ledger;
    private final SalesLedger sales;
    private final Clock clock;

    ReturnsPageController(LedgerRepository ledger, SalesLedger sales, Clock clock) {
        this.ledger = ledger;
        this.sales = sales;
        this.clock = clock;
    }

    @GetMapping({"/operations", "/operations/"})
    String home() {
        return "redirect:/operations/returns";
    }

    @GetMapping("/operations/returns")
    String returns(@RequestParam(required = false) String state, @RequestParam(required = false) String q, Model model) {
        Optional<TransitionState> wanted = StateNames.parse(state);
        String query = q == null || q.isBlank() ? null : q.trim();
        if (query != null && query.length() > LONGEST_QUERY) {
            throw new PageInputException("a return id has at most " + LONGEST_QUERY + " characters");
        }
        Instant now = clock.instant();
        // An id looked up may be older than the window: the id bounds the search instead.
        Instant from = query == null ? now.minus(WINDOW) : Instant.EPOCH;
        List<LedgerLine> lines = ledger.findLatestReturns(from, query, LIMIT);
        var salesRecords = sales.findByReturns(ReturnOverview.returnIds(lines));
        model.addAttribute("page", "returns");
        model.addAttribute("list", ReturnsList.of(lines, salesRecords, wanted, query, LIMIT, now));
        model.addAttribute("states", TransitionState.values());
        model.addAttribute("windowDays", WINDOW.toDays());
        return "operations/returns";
    }
}

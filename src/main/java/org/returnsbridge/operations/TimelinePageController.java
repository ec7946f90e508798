package org.returnsbridge.operations;

import java.time.Clock;
import java.util.List;

import org.returnsbridge.exceptions.ExceptionOperations;
import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.sales.SalesLedger;
import org.returnsbridge.support.RequestDates;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** One return's timeline: lines, the Sitoo stock-ins and return orders that carry them, every recorded transition. */
@Controller
class TimelinePageController {

    /** A return has a handful of records; a runaway one (a line failing for months) is cut, not rendered whole. */
    static final int MAX_EXCEPTIONS = 200;

    private final LedgerRepository ledger;
    private final SalesLedger sales;
    private final ExceptionOperations exceptions;
    private final Clock clock;

    TimelinePageController(LedgerRepository ledger, SalesLedger sales, ExceptionOperations exceptions, Clock clock) {
        this.ledger = ledger;
        this.sales = sales;
        this.exceptions = exceptions;
        this.clock = clock;
    }

    @GetMapping("/operations/returns/{returnId}")
    String timeline(@PathVariable String returnId, Model model) {
        List<LedgerLine> lines = ledger.findByReturn(returnId);
        if (lines.isEmpty()) {
            throw new PageNotFoundException("The bridge has recorded no return " + RequestDates.echo(returnId)
                    + ": check the id, or whether the poll has reached it yet.");
        }
        model.addAttribute("page", "returns");
        model.addAttribute("timeline", ReturnTimeline.of(returnId, lines, sales.findByReturn(returnId),
                exceptions.forReturn(returnId, MAX_EXCEPTIONS), clock.instant()));
        return "operations/timeline";
    }
}

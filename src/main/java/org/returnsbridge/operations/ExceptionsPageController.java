package org.returnsbridge.operations;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.returnsbridge.exceptions.ExceptionOperations;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.exceptions.ExceptionStatus;
import org.returnsbridge.exceptions.ReplayOutcome;
import org.returnsbridge.exceptions.ReplayResult;
import org.returnsbridge.failure.ExceptionCategory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The exception queue for people: open records by category, replay one or a whole category once its cause is
 * fixed, ignore one. Every action goes through {@link ExceptionOperations}, the service behind the REST API and
 * the JMX MBean, so the page cannot replay differently. With htmx (the {@code HX-Request} header) an action
 * answers the record's row, updated, and the outcome for {@code #action-result}; without it, the whole page.
 */
@Controller
class ExceptionsPageController {

    /** Rows shown per category; the header says how many more there are. */
    static final int PER_CATEGORY = 50;

    private final ExceptionOperations operations;

    ExceptionsPageController(ExceptionOperations operations) {
        this.operations = operations;
    }

    @GetMapping("/operations/exceptions")
    String exceptions(@RequestParam(required = false) String status, Model model) {
        ExceptionStatus shown = StateNames.parse(ExceptionStatus.class, "status", status).orElse(ExceptionStatus.OPEN);
        return page(shown, null, model);
    }

    @PostMapping("/operations/exceptions/{id}/replay")
    String replay(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
                  Model model, HttpServletResponse response) {
        ReplayResult result = operations.replay(id);
        String message = result.outcome() == ReplayOutcome.NOT_FOUND ? result.message()
                : "replayed 1: " + StateNames.words(result.outcome()) + " — " + result.message();
        return answer(id, result.outcome() == ReplayOutcome.NOT_FOUND, message, htmx != null, model, response);
    }

    @PostMapping("/operations/exceptions/{id}/ignore")
    String ignore(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
                  Model model, HttpServletResponse response) {
        Optional<ExceptionRecord> record = operations.ignore(id);
        String message = record.isEmpty() ? "no exception record " + id
                : record.get().status() == ExceptionStatus.RESOLVED
                ? "exception " + id + " is already resolved; only an open record can be ignored"
                : "ignored 1: exception " + id + " stays listed and is never retried automatically";
        return answer(id, record.isEmpty(), message, htmx != null, model, response);
    }

    /** Every open record of one category, oldest first: after the cause is fixed (a product created, a mapping added). */
    @PostMapping("/operations/exceptions/replay")
    String replayCategory(@RequestParam String category, Model model) {
        ExceptionCategory chosen = StateNames.parse(ExceptionCategory.class, "category", category)
                .orElseThrow(() -> new PageInputException("choose the category to replay"));
        List<ReplayResult> results = operations.replayCategory(chosen);
        long resolved = results.stream().filter(r -> r.outcome() == ReplayOutcome.RESOLVED).count();
        String message = results.isEmpty() ? "nothing open to replay in " + StateNames.key(chosen)
                : "replayed " + results.size() + ": " + resolved + " resolved, " + (results.size() - resolved)
                + " still open (" + StateNames.key(chosen) + ")";
        return page(ExceptionStatus.OPEN, message, model);
    }

    /** Every open record of one category needs no action; the page asks for confirmation first. */
    @PostMapping("/operations/exceptions/ignore")
    String ignoreCategory(@RequestParam String category, Model model) {
        ExceptionCategory chosen = StateNames.parse(ExceptionCategory.class, "category", category)
                .orElseThrow(() -> new PageInputException("choose the category to ignore"));
        int ignored = operations.ignoreCategory(chosen);
        String message = ignored == 0 ? "nothing open to ignore in " + StateNames.key(chosen)
                : "ignored " + ignored + " (" + StateNames.key(chosen) + "): they stay listed and are never retried"
                + " automatically";
        return page(ExceptionStatus.OPEN, message, model);
    }

    private String answer(long id, boolean notFound, String message, boolean htmx, Model model,
                          HttpServletResponse response) {
        if (htmx) {
            // htmx swaps only successful answers: an unknown id is a 200 whose message says so, and no row.
            model.addAttribute("result", message);
            model.addAttribute("row", operations.find(id).map(ExceptionsView.Row::of).orElse(null));
            return "operations/exception-action";
        }
        if (notFound) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        return page(ExceptionStatus.OPEN, message, model);
    }

    private String page(ExceptionStatus status, String result, Model model) {
        model.addAttribute("page", "exceptions");
        model.addAttribute("view", ExceptionsView.of(status, operations.countByCategory(status),
                (category, limit) -> operations.list(status, category, limit), PER_CATEGORY));
        model.addAttribute("statuses", ExceptionStatus.values());
        model.addAttribute("result", result);
        return "operations/exceptions";
    }
}

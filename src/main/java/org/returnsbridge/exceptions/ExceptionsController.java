package org.returnsbridge.exceptions;

import java.util.List;
import java.util.Map;

import org.returnsbridge.exceptions.OperatorInput.InvalidInputException;
import org.returnsbridge.failure.ExceptionCategory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The exception queue over HTTP, for operators and their scripts: list, inspect, replay one record or
 * a whole category once its cause is fixed, or ignore one. Everything goes through
 * {@link ExceptionOperations}, the same service the JMX MBean uses.
 */
@RestController
@RequestMapping("/api/exceptions")
public class ExceptionsController {

    private final ExceptionOperations operations;

    public ExceptionsController(ExceptionOperations operations) {
        this.operations = operations;
    }

    /** Oldest first; {@code status} and {@code category} are optional filters. */
    @GetMapping
    public List<ExceptionRecord> list(@RequestParam(required = false) String status,
                                      @RequestParam(required = false) String category) {
        return operations.list(OperatorInput.status(status), OperatorInput.category(category));
    }

    @GetMapping("/{id}")
    public ResponseEntity<?> one(@PathVariable long id) {
        return operations.find(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(id));
    }

    /** Runs the record's work again through the normal path, now; the answer says how it went. */
    @PostMapping("/{id}/replay")
    public ResponseEntity<?> replay(@PathVariable long id) {
        ReplayResult result = operations.replay(id);
        return result.outcome() == ReplayOutcome.NOT_FOUND ? notFound(id) : ResponseEntity.ok(result);
    }

    /** Replays every open record of one category, oldest first: after a fix that clears them all. */
    @PostMapping("/replay")
    public List<ReplayResult> replayCategory(@RequestParam(required = false) String category) {
        return operations.replayCategory(OperatorInput.requiredCategory(category));
    }

    /** Every open record of one category needs no action (the category is required: never "everything"). */
    @PostMapping("/ignore")
    public Map<String, Object> ignoreCategory(@RequestParam(required = false) String category) {
        ExceptionCategory chosen = OperatorInput.requiredCategory(category);
        return Map.of("category", chosen, "ignored", operations.ignoreCategory(chosen));
    }

    /** A person decided this needs no action: it stays listed and is never retried automatically. */
    @PostMapping("/{id}/ignore")
    public ResponseEntity<?> ignore(@PathVariable long id) {
        return operations.ignore(id).<ResponseEntity<?>>map(record -> record.status() == ExceptionStatus.RESOLVED
                        ? ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("detail", "exception " + id
                                + " is already RESOLVED; only an open record can be ignored", "record", record))
                        : ResponseEntity.ok(record))
                .orElseGet(() -> notFound(id));
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, String>> invalidInput(InvalidInputException e) {
        return ResponseEntity.badRequest().body(Map.of("detail", e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> notANumber(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(Map.of("detail", e.getName() + " must be a number, got '" + e.getValue() + "'"));
    }

    private static ResponseEntity<?> notFound(long id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("detail", "no exception record " + id));
    }
}

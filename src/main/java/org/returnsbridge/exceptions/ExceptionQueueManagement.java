package org.returnsbridge.exceptions;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.returnsbridge.exceptions.OperatorInput.InvalidInputException;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.mapping.MappingRegistry;
import org.returnsbridge.mapping.MappingsSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedOperationParameter;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

/**
 * The exception queue as a JMX MBean, for operators in Hawtio (JMX tab, {@code org.returnsbridge} →
 * ExceptionQueue → operations) or any JMX console. The same {@link ExceptionOperations} calls as the
 * REST API. Every operation answers a sentence: a console shows it as it is, and a wrong argument is
 * told as such instead of a stack trace.
 */
@Component
@ManagedResource(objectName = ExceptionQueueManagement.OBJECT_NAME,
        description = "Reveni → Sitoo bridge: the exception queue (list, replay, ignore) and the mapping files")
public class ExceptionQueueManagement {

    public static final String OBJECT_NAME = "org.returnsbridge:type=ExceptionQueue,name=operations";

    private static final Logger log = LoggerFactory.getLogger(ExceptionQueueManagement.class);

    private final ExceptionOperations operations;
    private final MappingRegistry mappings;

    public ExceptionQueueManagement(ExceptionOperations operations, MappingRegistry mappings) {
        this.operations = operations;
        this.mappings = mappings;
    }

    @ManagedOperation(description = "The open exceptions, oldest first, one line each: id, category, return,"
            + " item, SKU, location, attempts, reason")
    public String listOpenExceptions() {
        return answer("list", () -> {
            List<ExceptionRecord> open = operations.list(ExceptionStatus.OPEN, null);
            if (open.isEmpty()) {
                return "no open exceptions";
            }
            return open.size() + " open exception" + (open.size() == 1 ? "" : "s") + ", oldest first:\n"
                    + open.stream().map(ExceptionQueueManagement::summary).collect(Collectors.joining("\n"));
        });
    }

    @ManagedOperation(description = "Replay one exception now, through the normal path (after fixing its cause)")
    @ManagedOperationParameter(name = "id", description = "the exception's id (see listOpenExceptions)")
    public String replay(long id) {
        return answer("replay " + id, () -> sentence(operations.replay(id)));
    }

    @ManagedOperation(description = "Replay every open exception of one category, oldest first")
    @ManagedOperationParameter(name = "category", description = "UNKNOWN_SKU, UNMAPPED_LOCATION, INVALID_RETURN,"
            + " SITOO_REJECTED, REFUND_POST_FAILED, REFUND_MISMATCH, SITOO_UNAVAILABLE, REVENI_UNAVAILABLE"
            + " or INTERNAL_ERROR")
    public String replayCategory(String category) {
        return answer("replay category " + category, () -> {
            ExceptionCategory chosen = OperatorInput.requiredCategory(category);
            List<ReplayResult> results = operations.replayCategory(chosen);
            if (results.isEmpty()) {
                return "no open " + chosen + " exceptions to replay";
            }
            Map<String, Long> byOutcome = results.stream()
                    .collect(Collectors.groupingBy(result -> result.outcome().name(), TreeMap::new, Collectors.counting()));
            return "replayed " + results.size() + " " + chosen + " exception" + (results.size() == 1 ? "" : "s") + " ("
                    + byOutcome.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
                    + "):\n" + results.stream().map(ExceptionQueueManagement::sentence).collect(Collectors.joining("\n"));
        });
    }

    @ManagedOperation(description = "Mark every open exception of one category as needing no action: they stay"
            + " listed, are never retried")
    @ManagedOperationParameter(name = "category", description = "UNKNOWN_SKU, UNMAPPED_LOCATION, INVALID_RETURN,"
            + " SITOO_REJECTED, REFUND_POST_FAILED, REFUND_MISMATCH, SITOO_UNAVAILABLE, REVENI_UNAVAILABLE"
            + " or INTERNAL_ERROR")
    public String ignoreCategory(String category) {
        return answer("ignore category " + category, () -> {
            ExceptionCategory chosen = OperatorInput.requiredCategory(category);
            int ignored = operations.ignoreCategory(chosen);
            return ignored == 0 ? "no open " + chosen + " exceptions to ignore"
                    : "ignored " + ignored + " " + chosen + " exception" + (ignored == 1 ? "" : "s");
        });
    }

    @ManagedOperation(description = "Mark one exception as needing no action: it stays listed, is never retried")
    @ManagedOperationParameter(name = "id", description = "the exception's id (see listOpenExceptions)")
    public String ignore(long id) {
        return answer("ignore " + id, () -> operations.ignore(id)
                .map(record -> record.status() == ExceptionStatus.IGNORED
                        ? "exception " + id + " is IGNORED: " + summary(record)
                        : "exception " + id + " stays " + record.status() + ": only an open record can be ignored")
                .orElse("no exception record " + id));
    }

    @ManagedOperation(description = "Re-read the mapping files (locations, conditions, reasons, SKUs) and check"
            + " them against Sitoo; a bad edit is refused, naming the file and line, and the mappings in force stay")
    public String reloadMappings() {
        try {
            return MappingsSummary.of(mappings.reload()).sentence();
        } catch (RuntimeException refused) {
            log.warn("Mappings not reloaded, the previous ones stay in force: {}", refused.getMessage());
            return "refused, the previous mappings stay in force: " + refused.getMessage();
        }
    }

    /** Runs an operation; a wrong argument or a failure comes back as a sentence, not a stack trace. */
    private static String answer(String what, Supplier<String> operation) {
        try {
            return operation.get();
        } catch (InvalidInputException wrongInput) {
            return wrongInput.getMessage();
        } catch (RuntimeException failure) {
            log.error("JMX operation '{}' failed", what, failure);
            return what + " failed: " + ExceptionCategory.reasonOf(failure) + " (the log has the details)";
        }
    }

    private static String sentence(ReplayResult result) {
        return "#" + result.id() + " " + result.outcome() + (result.status() == null ? "" : " (now " + result.status() + ")")
                + ": " + result.message();
    }

    private static String summary(ExceptionRecord r) {
        return "#" + r.id() + " " + r.category() + " " + r.status()
                + " return " + orDash(r.returnId()) + " item " + orDash(r.itemId())
                + " sku " + orDash(r.sku()) + " location " + orDash(r.locationId())
                + ", " + r.attempts() + " attempt" + (r.attempts() == 1 ? "" : "s") + ", last " + r.lastSeen()
                + ": " + r.reason();
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}

package org.returnsbridge.benchmark;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.returnsbridge.testsupport.SandboxControl;

/**
 * The benchmark's view of a standalone sandbox, over its admin API: what it measures with (stock, the
 * timed transaction log, calls by status, webhook deliveries) on top of {@link SandboxControl}.
 */
final class BenchmarkSandbox {

    private final int port;
    private final SandboxControl admin;

    BenchmarkSandbox(int port) {
        this.port = port;
        this.admin = new SandboxControl(rootUrl() + "/sandbox");
    }

    String rootUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    SandboxControl admin() {
        return admin;
    }

    /**
     * Stores a return, once more on a connection the sandbox dropped (a pooled keep-alive connection closed under
     * the seeder, seen once in 400 000 PUTs): storing the same return again is idempotent.
     */
    void putReturn(ObjectNode ret) {
        try {
            admin.putReturn(ret);
        } catch (RuntimeException dropped) {
            if (!(dropped.getCause() instanceof java.io.IOException)) {
                throw dropped;
            }
            admin.putReturn(ret);
        }
    }

    void sitooFaults(String json) {
        admin.sitooFaults(json);
    }

    void resetCalls() {
        admin.send("POST", "/calls/reset", null);
    }

    /** Units on hand per (warehouse, SKU); a level that is not a whole number fails loudly. */
    Map<ExpectedOutcome.StockKey, Long> stock() {
        Map<ExpectedOutcome.StockKey, Long> levels = new TreeMap<>();
        for (JsonNode level : admin.stockLevels()) {
            BigDecimal total = new BigDecimal(level.path("decimaltotal").asText());
            long units = total.longValueExact();
            if (units != 0) {
                levels.put(new ExpectedOutcome.StockKey(level.path("warehouseid").asInt(), level.path("sku").asText()), units);
            }
        }
        return levels;
    }

    /** One page of the sandbox's timed transaction log: transactions with id above {@code afterId}. */
    JsonNode transactionLog(int afterId, int limit) {
        return admin.send("GET", "/sitoo/transaction-log?afterId=" + afterId + "&limit=" + limit, null);
    }

    int transactionCount() {
        return transactionLog(0, 1).path("total").asInt();
    }

    /** Vendor calls received, by kind ("sitoo POST warehousetransactions"), faults excluded. */
    Map<String, Long> calls(String vendor) {
        Map<String, Long> calls = new TreeMap<>();
        admin.calls().fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            if (key.startsWith(vendor + " ") && !key.startsWith(vendor + " fault ")) {
                calls.put(key.substring(vendor.length() + 1), entry.getValue().asLong());
            }
        });
        return calls;
    }

    /** How many of a vendor's calls were answered with {@code status} (e.g. "429"). */
    long answered(String vendor, String status) {
        long[] count = {0};
        admin.send("GET", "/calls/statuses", null).fields().forEachRemaining(entry -> {
            if (entry.getKey().startsWith(vendor + " ")) {
                count[0] += entry.getValue().path(status).asLong(0);
            }
        });
        return count[0];
    }

    JsonNode webhookDeliveries() {
        return admin.send("GET", "/reveni/webhook-deliveries", null);
    }

    JsonNode webhookRegistrations() {
        return admin.send("GET", "/reveni/webhooks", null);
    }

    /** Reads every transaction back, page by page; see {@link TransactionAudit}. */
    TransactionAudit auditTransactions(boolean keepTimes) {
        TransactionAudit audit = new TransactionAudit(keepTimes);
        int after = 0;
        while (true) {
            JsonNode page = transactionLog(after, 5000);
            JsonNode items = page.path("items");
            if (items.isEmpty()) {
                return audit;
            }
            items.forEach(audit::add);
            after = page.path("lastId").asInt();
        }
    }
}

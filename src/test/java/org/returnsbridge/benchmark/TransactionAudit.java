package org.returnsbridge.benchmark;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads Sitoo's stock-ins back the way reconciliation would: every line the bridge restocked must appear
 * exactly once, by its externalid. Stock levels alone could hide a duplicate cancelled out by a miss; this
 * cannot. Optionally keeps when each stock-in was recorded (the steady state times webhooks against it).
 */
final class TransactionAudit {

    private final boolean keepTimes;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Long> recordedAtMillis = new HashMap<>();
    private int transactions;
    private int stockIns;
    private int duplicates;
    private long units;
    private long firstRecordedAt = Long.MAX_VALUE;
    private long lastRecordedAt = Long.MIN_VALUE;

    TransactionAudit(boolean keepTimes) {
        this.keepTimes = keepTimes;
    }

    void add(JsonNode transaction) {
        transactions++;
        String externalId = transaction.path("externalid").asText("");
        if (transaction.path("transactiontype").asInt() != 10 || !externalId.startsWith("rv")) {
            return;
        }
        stockIns++;
        if (!seen.add(externalId)) {
            duplicates++;
        }
        for (JsonNode item : transaction.path("items")) {
            units += new BigDecimal(item.path("decimalquantity").asText("0")).longValueExact();
        }
        long at = transaction.path("recordedAtMillis").asLong();
        firstRecordedAt = Math.min(firstRecordedAt, at);
        lastRecordedAt = Math.max(lastRecordedAt, at);
        if (keepTimes) {
            recordedAtMillis.putIfAbsent(externalId, at);
        }
    }

    int transactions() {
        return transactions;
    }

    /** Stock-in transactions carrying a Reveni line's externalid. */
    int stockIns() {
        return stockIns;
    }

    /** Stock-ins whose externalid was already seen: each one is a unit counted twice. */
    int duplicates() {
        return duplicates;
    }

    long units() {
        return units;
    }

    Long firstRecordedAt() {
        return stockIns == 0 ? null : firstRecordedAt;
    }

    Long lastRecordedAt() {
        return stockIns == 0 ? null : lastRecordedAt;
    }

    /** When the first stock-in carrying this externalid was recorded (sandbox clock), or null. */
    Long recordedAt(String externalId) {
        return recordedAtMillis.get(externalId);
    }
}

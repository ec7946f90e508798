package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/**
 * Sitoo's list conventions, applied the same way to every list: {@code sort} ({@code field} or
 * {@code -field}), {@code start} (default 0), {@code num} (default 10, at most 100), {@code fields}
 * (a projection), answered as {@code {"totalcount":N,"items":[...]}}.
 */
final class SitooLists {

    static final int DEFAULT_NUM = 10;
    static final int MAX_NUM = 100;

    private SitooLists() {
    }

    static HttpAnswer envelope(List<?> records, HttpCall call, String defaultSort) {
        List<ObjectNode> items = records.stream()
                .map(record -> record instanceof ObjectNode node ? node : (ObjectNode) JsonHttp.MAPPER.valueToTree(record))
                .sorted(comparator(call.query("sort").orElse(defaultSort).trim()))
                .toList();
        int start = call.queryInt("start", 0);
        int num = Math.min(call.queryInt("num", DEFAULT_NUM), MAX_NUM);
        if (start < 0 || num < 0) {
            throw ApiError.badRequest("start and num must not be negative");
        }
        List<String> fields = call.queryList("fields");
        ObjectNode envelope = JsonHttp.object();
        envelope.put("totalcount", items.size());
        ArrayNode page = envelope.putArray("items");
        items.stream().skip(start).limit(num).forEach(item -> page.add(project(item, fields)));
        return HttpAnswer.json(200, envelope);
    }

    private static ObjectNode project(ObjectNode item, List<String> fields) {
        if (fields.isEmpty()) {
            return item;
        }
        ObjectNode projected = JsonHttp.object();
        fields.stream().filter(item::has).forEach(field -> projected.set(field, item.get(field)));
        return projected;
    }

    private static Comparator<ObjectNode> comparator(String sort) {
        boolean descending = sort.startsWith("-");
        String field = descending ? sort.substring(1) : sort;
        Comparator<ObjectNode> ascending = (a, b) -> compareValues(a.get(field), b.get(field));
        return descending ? ascending.reversed() : ascending;
    }

    /** Numbers and decimal strings compare by value, other text alphabetically; missing values sort first. */
    private static int compareValues(JsonNode a, JsonNode b) {
        boolean aMissing = a == null || a.isNull();
        boolean bMissing = b == null || b.isNull();
        if (aMissing || bMissing) {
            return Boolean.compare(!aMissing, !bMissing);
        }
        BigDecimal aNumber = asNumber(a);
        BigDecimal bNumber = asNumber(b);
        if (aNumber != null && bNumber != null) {
            return aNumber.compareTo(bNumber);
        }
        return a.asText().compareTo(b.asText());
    }

    private static BigDecimal asNumber(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        try {
            return new BigDecimal(node.asText());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}

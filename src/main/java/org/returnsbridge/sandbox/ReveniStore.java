package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reveni's state: returns kept as plain JSON (whatever the admin stored is served back as-is), raw list
 * elements planted by tests, pending page corruptions and webhook registrations. Every read hands out
 * copies so callers can never change stored state by accident.
 */
final class ReveniStore {

    /** List order for stored returns and planted texts alike: the one order of {@link ListKey}. */
    private static final Comparator<ListedResult> LIST_ORDER =
            Comparator.comparing(result -> new ListKey(result.updatedAt(), result.sortId()));

    private final Clock clock;
    private final Map<String, StoredReturn> returns = new HashMap<>();
    /** The same returns in list order (updated_at, then id), so a list request neither sorts nor skips by scanning. */
    private final NavigableMap<ListKey, StoredReturn> inListOrder = new TreeMap<>();
    private final List<ListedResult> rawResults = new ArrayList<>();
    private final List<WebhookRegistration> webhooks = new ArrayList<>();
    private final List<ReturnChangeListener> listeners = new CopyOnWriteArrayList<>();
    private int corruptPagesLeft;

    private record StoredReturn(ObjectNode json, Instant updatedAt) {
        ListKey key() {
            return new ListKey(updatedAt, json.path("id").asText());
        }
    }

    private record ListKey(Instant updatedAt, String id) implements Comparable<ListKey> {
        private static final Comparator<ListKey> ORDER =
                Comparator.comparing(ListKey::updatedAt).thenComparing(ListKey::id);

        @Override
        public int compareTo(ListKey other) {
            return ORDER.compare(this, other);
        }
    }

    ReveniStore(Clock clock) {
        this.clock = clock;
    }

    /** Whole-second UTC, the precision Reveni uses for timestamps. */
    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Accepts {@code Z} and offsets, with or without fractions; a '+' turned into a space by form decoding is repaired. */
    static Instant parseTimestamp(String text) {
        try {
            return OffsetDateTime.parse(text.trim().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("not an ISO-8601 date-time with offset: '" + text + "'");
        }
    }

    String now() {
        return timestamp(clock.instant());
    }

    void addListener(ReturnChangeListener listener) {
        listeners.add(listener);
    }

    /**
     * Stores or replaces a return. {@code created_at} is filled when missing; {@code updated_at} becomes now
     * unless the caller asks to keep a timestamp it supplied (tests that need a precise order do).
     */
    ObjectNode put(ObjectNode ret, boolean keepTimestamps) {
        ObjectNode copy = ret.deepCopy();
        String id = copy.path("id").asText("");
        if (id.isEmpty()) {
            throw ApiError.badRequest("a return needs an id");
        }
        String now = now();
        if (!copy.hasNonNull("created_at")) {
            copy.put("created_at", now);
        }
        if (!keepTimestamps || !copy.path("updated_at").isTextual()) {
            copy.put("updated_at", now);
        }
        Instant updatedAt = parseTimestamp(copy.get("updated_at").asText());
        boolean created;
        synchronized (this) {
            StoredReturn stored = new StoredReturn(copy, updatedAt);
            StoredReturn previous = returns.put(id, stored);
            created = previous == null;
            if (previous != null) {
                inListOrder.remove(previous.key());
            }
            inListOrder.put(stored.key(), stored);
        }
        ObjectNode snapshot = copy.deepCopy();
        listeners.forEach(listener -> listener.returnChanged(
                created ? "return.created" : "return.updated", snapshot.deepCopy()));
        return snapshot;
    }

    synchronized Optional<ObjectNode> get(String id) {
        return Optional.ofNullable(returns.get(id)).map(stored -> stored.json().deepCopy());
    }

    synchronized boolean remove(String id) {
        StoredReturn removed = returns.remove(id);
        if (removed != null) {
            inListOrder.remove(removed.key());
        }
        return removed != null;
    }

    synchronized int size() {
        return returns.size();
    }

    /** All stored returns in list order (updated_at, then id). */
    synchronized List<ObjectNode> all() {
        return inListOrder.values().stream().map(stored -> stored.json().deepCopy()).toList();
    }

    /** Plants a text verbatim into list pages at the position its updated_at gives it. */
    synchronized void addRawResult(Instant updatedAt, String raw) {
        // '~' sorts after hex ids, so a planted element follows the real returns of the same second.
        String sortId = "~raw-" + String.format("%06d", rawResults.size());
        rawResults.add(ListedResult.planted(updatedAt, sortId, statusOf(raw), raw));
    }

    /**
     * The elements of a list query, returns and planted raw texts merged, in contract order. Stored returns come
     * from the ordered index, from {@code updatedAfter} on; they are written out only if their page is rendered.
     */
    synchronized List<ListedResult> list(Instant updatedAfter, Set<String> statuses) {
        var from = updatedAfter == null ? inListOrder : inListOrder.tailMap(new ListKey(updatedAfter, ""), true);
        // Not sized from the view: a tail view of a TreeMap counts its size by walking it.
        List<ListedResult> all = new ArrayList<>();
        from.forEach((key, stored) -> all.add(ListedResult.stored(key.updatedAt(), key.id(), stored.json())));
        rawResults.stream()
                .filter(raw -> updatedAfter == null || !raw.updatedAt().isBefore(updatedAfter))
                .forEach(all::add);
        if (!rawResults.isEmpty()) {
            all.sort(LIST_ORDER); // nearly sorted already: a merge of a few planted elements
        }
        if (statuses.isEmpty()) {
            return all;
        }
        return all.stream()
                .filter(result -> result.status() == null || statuses.contains(result.status()))
                .toList();
    }

    synchronized void corruptNextPages(int count) {
        corruptPagesLeft += count;
    }

    synchronized int corruptPagesLeft() {
        return corruptPagesLeft;
    }

    /** True (once per planned corruption) when this list request must answer broken JSON. */
    synchronized boolean takeCorruptPage() {
        if (corruptPagesLeft > 0) {
            corruptPagesLeft--;
            return true;
        }
        return false;
    }

    synchronized WebhookRegistration registerWebhook(List<String> eventTypes, String url, String id) {
        WebhookRegistration registration = new WebhookRegistration(id, List.copyOf(eventTypes), url);
        webhooks.add(registration);
        return registration;
    }

    synchronized List<WebhookRegistration> webhooks() {
        return List.copyOf(webhooks);
    }

    synchronized void reset() {
        returns.clear();
        inListOrder.clear();
        rawResults.clear();
        webhooks.clear();
        corruptPagesLeft = 0;
    }

    /** The status of a planted raw element, if it happens to be a JSON object with a text status. */
    private static String statusOf(String raw) {
        try {
            JsonNode node = JsonHttp.MAPPER.readTree(raw);
            return node != null && node.path("status").isTextual() ? node.get("status").asText() : null;
        } catch (Exception notJson) {
            return null;
        }
    }
}

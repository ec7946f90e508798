package org.returnsbridge.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.returnsbridge.support.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Durable storage of received events: written before Reveni gets its 2xx. */
public class WebhookInbox {

    public record Event(String id, String type, String returnId, String payload) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public WebhookInbox(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @return false when an event with this id was already received (a repeated delivery) */
    public boolean store(Event event) {
        try {
            jdbc.update("INSERT INTO webhook_inbox (event_id, event_type, return_id, payload, status, received_at)"
                    + " VALUES (?, ?, ?, ?, 'RECEIVED', ?)", event.id(), event.type(), event.returnId(), event.payload(),
                    Sql.utc(clock.instant()));
            return true;
        } catch (DuplicateKeyException repeated) {
            return false;
        }
    }

    public Optional<Event> find(String id) {
        return jdbc.query("SELECT * FROM webhook_inbox WHERE event_id = ?", (rs, n) -> new Event(rs.getString("event_id"),
                rs.getString("event_type"), rs.getString("return_id"), rs.getString("payload")), id).stream().findFirst();
    }

    /** Received but not processed for a while: the process died in between, or the wake-up was lost. */
    public List<String> findUnprocessed(Duration olderThan, int limit) {
        return jdbc.queryForList("SELECT event_id FROM webhook_inbox WHERE status = 'RECEIVED' AND received_at < ?"
                + " ORDER BY received_at FETCH FIRST " + limit + " ROWS ONLY", String.class,
                Sql.utc(clock.instant().minus(olderThan)));
    }

    /** The return's events not processed yet, in the order they arrived. */
    public List<String> receivedOf(String returnId) {
        return jdbc.queryForList("SELECT event_id FROM webhook_inbox WHERE return_id = ? AND status = 'RECEIVED'"
                + " ORDER BY received_at, event_id", String.class, returnId);
    }

    public void markDone(String id, String status, String note) {
        jdbc.update("UPDATE webhook_inbox SET status = ?, note = ?, processed_at = ? WHERE event_id = ?", status,
                Sql.truncate(note, 1000), Sql.utc(clock.instant()), id);
    }

    public String status(String id) {
        return jdbc.queryForList("SELECT status FROM webhook_inbox WHERE event_id = ?", String.class, id).stream()
                .findFirst().orElse(null);
    }
}

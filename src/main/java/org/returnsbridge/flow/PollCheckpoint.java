package org.returnsbridge.flow;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.returnsbridge.support.Sql;
import org.springframework.jdbc.core.JdbcTemplate;

/** The poll's durable checkpoint: every return updated before it has been fully processed. */
public class PollCheckpoint {

    private static final String NAME = "reveni-returns";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PollCheckpoint(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Instant> load() {
        return jdbc.queryForList("SELECT checkpoint_at FROM poll_checkpoint WHERE name = ?", OffsetDateTime.class, NAME)
                .stream().findFirst().map(OffsetDateTime::toInstant);
    }

    /** Only ever moves forward. */
    public void advanceTo(Instant checkpoint) {
        OffsetDateTime at = Sql.utc(checkpoint);
        OffsetDateTime now = Sql.utc(clock.instant());
        int updated = jdbc.update("UPDATE poll_checkpoint SET checkpoint_at = ?, saved_at = ? WHERE name = ? AND checkpoint_at < ?",
                at, now, NAME, at);
        if (updated == 0 && load().isEmpty()) {
            jdbc.update("INSERT INTO poll_checkpoint (name, checkpoint_at, saved_at) VALUES (?, ?, ?)", NAME, at, now);
        }
    }

    /** The one move backwards: a checkpoint later than {@code latest} (a vendor clock error) is pulled back to it. */
    public void pullBackTo(Instant latest) {
        jdbc.update("UPDATE poll_checkpoint SET checkpoint_at = ?, saved_at = ? WHERE name = ? AND checkpoint_at > ?",
                Sql.utc(latest), Sql.utc(clock.instant()), NAME, Sql.utc(latest));
    }
}

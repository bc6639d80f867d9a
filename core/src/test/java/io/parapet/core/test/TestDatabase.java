package io.parapet.core.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A fresh PostgreSQL database for each test class, on the first server found of: {@code PARAPET_TEST_DB_URL}
 * (with {@code PARAPET_TEST_DB_USER}/{@code PARAPET_TEST_DB_PASSWORD}), a Testcontainers PostgreSQL when Docker is
 * available, or the local server at 127.0.0.1:5432. Databases are dropped when the JVM exits.
 */
public final class TestDatabase {
    private static final Server SERVER = Server.find();
    private static final List<String> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropAll, "drop-test-databases"));
    }

    private TestDatabase() {}

    /**
     * Creates a new empty database and returns the Micronaut properties that point at it (with the PostgreSQL
     * migrations and a fixed test master key).
     */
    public static Map<String, String> create() {
        String name =
                "parapet_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        synchronized (CREATED) {
            CREATED.add(name);
        }
        return Map.of(
                "datasources.default.url", SERVER.urlFor(name),
                "datasources.default.username", SERVER.user,
                "datasources.default.password", SERVER.password,
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES",
                "flyway.datasources.default.enabled", "true",
                "flyway.datasources.default.locations", "classpath:db/migration/common,classpath:db/migration/postgres",
                "parapet.master-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    }

    /** Runs a statement as the test server's administrator (for outage tests: refusing a database's connections). */
    public static void admin(String sql) {
        execute(sql);
    }

    /**
     * Makes the database of {@code jdbcUrl} refuse connections and drops the open ones (an outage), or lets it accept
     * connections again.
     */
    public static void cutOff(String jdbcUrl, boolean off) {
        String database = jdbcUrl.replaceAll(".*/", "");
        execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + !off);
        if (off) {
            execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
        }
    }

    private static void dropAll() {
        synchronized (CREATED) {
            for (String name : CREATED) {
                try {
                    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (RuntimeException ignored) {
                    // Best effort at exit: a leftover test database is harmless.
                }
            }
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER.adminUrl, SERVER.user, SERVER.password);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test PostgreSQL at " + SERVER.adminUrl + " refused: " + sql, e);
        }
    }

    private record Server(String adminUrl, String user, String password) {
        static Server find() {
            String url = System.getenv("PARAPET_TEST_DB_URL");
            if (url != null && !url.isBlank()) {
                return new Server(url, env("PARAPET_TEST_DB_USER", "postgres"), env("PARAPET_TEST_DB_PASSWORD", ""));
            }
            if (DockerClientFactory.instance().isDockerAvailable()) {
                PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
                container.start();
                return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
            }
            return new Server("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        }

        String urlFor(String database) {
            int slash = adminUrl.lastIndexOf('/');
            int query = adminUrl.indexOf('?', slash);
            return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null ? fallback : value;
        }
    }
}

package io.parapet.registry;

import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Tells the other instances that the registry changed: {@code pg_notify} on the changing transaction's own
 * connection, so PostgreSQL delivers it exactly when (and only if) the change commits. On H2 (local mode, one
 * instance) there is no one else to tell.
 */
@Singleton
class ChangeNotifier {
    /** The PostgreSQL channel; the payload is the changed prompt or model name. */
    static final String CHANNEL = "parapet_registry";

    private final ConnectionOperations<Connection> connections;
    private volatile Boolean postgres;

    ChangeNotifier(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    void changed(String name) {
        Connection c = connections.getConnectionStatus().getConnection();
        try {
            if (postgres == null) {
                postgres = c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            }
            if (!postgres) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                s.setString(1, CHANNEL);
                s.setString(2, name.length() > 7_000 ? name.substring(0, 7_000) : name);
                s.execute();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not queue the change notification", e);
        }
    }
}

package io.parapet.core.db;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's counterpart of the PostgreSQL function {@code parapet_reject_mutation()}: attached BEFORE UPDATE/DELETE to
 * append-only tables so that the database itself, not just the code, keeps versions immutable.
 */
public class RejectMutationTrigger implements Trigger {
    private String table;

    @Override
    public void init(Connection conn, String schema, String trigger, String table, boolean before, int type) {
        this.table = table;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("rows of " + table + " are immutable", "P0001");
    }
}

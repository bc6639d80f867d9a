package io.parapet.server.errors;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** Tells a database that cannot be reached (worth a 503 and a retry) from a bug (a 500). */
public final class DatabaseFailures {
    private DatabaseFailures() {}

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof ConnectException) {
                return true;
            }
            // SQLState class 08 is "connection exception"; Hikari reports a dropped connection as closed.
            if (t instanceof SQLException sql
                    && ((sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
                            || String.valueOf(sql.getMessage()).contains("Connection is closed"))) {
                return true;
            }
            if (String.valueOf(t.getMessage()).contains("Connection is closed")) {
                return true;
            }
        }
        return false;
    }
}

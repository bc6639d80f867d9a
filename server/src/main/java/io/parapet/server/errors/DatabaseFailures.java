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
            // SQLState class 08 is "connection exception"; 57P01-57P03 are PostgreSQL's shutdown, crash and "cannot
            // connect now", which a query in flight gets when the server stops or its connection is terminated; Hikari
            // reports a dropped connection as closed.
            if (t instanceof SQLException sql
                    && ((sql.getSQLState() != null
                                    && (sql.getSQLState().startsWith("08")
                                            || sql.getSQLState().startsWith("57P")))
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

package io.parapet.server.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {
    @Test
    void a_query_whose_connection_the_server_terminated_is_an_outage() {
        // What a query in flight gets when PostgreSQL stops or an operator terminates its backend; seen in
        // GatewayCacheIT
        // when the test cut the database off mid-query, and the key lookup answered 500 instead of serving the last
        // key.
        SQLException terminated =
                new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        assertThat(DatabaseFailures.isUnavailable(new RuntimeException("Error executing SQL Query", terminated)))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("the database system is shutting down", "57P03")))
                .isTrue();
    }

    @Test
    void a_broken_query_is_a_bug_not_an_outage() {
        assertThat(DatabaseFailures.isUnavailable(new SQLException("syntax error at or near \"FORM\"", "42601")))
                .isFalse();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("duplicate key value", "23505")))
                .isFalse();
        assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("no state")))
                .isFalse();
    }
}

package io.parapet.eval.run.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.parapet.core.Json;
import io.parapet.eval.run.ItemResult;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Run results in plain JDBC on the caller's transaction. Writes are idempotent on (run, position, trial): a result
 * a resumed run writes again is ignored, and the caller counts only the rows that were new.
 */
@Singleton
public class ResultTable {
    private static final TypeReference<List<ItemResult.Judged>> VERDICTS = new TypeReference<>() {};
    private static final String INSERT = "INSERT INTO eval_result (run_id, position, trial, item_id, ending, passed,"
            + " score, output, verdicts, detail, input_tokens, output_tokens, latency_ms, model, cost)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String COLUMNS = "SELECT position, trial, item_id, ending, passed, score, output, verdicts,"
            + " detail, input_tokens, output_tokens, latency_ms, model, cost FROM eval_result";

    private final JdbcOperations jdbc;

    ResultTable(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the results; returns those that were not there yet. */
    public List<ItemResult> insertNew(long runId, List<ItemResult> results) {
        return jdbc.prepareStatement(INSERT, s -> {
            for (ItemResult r : results) {
                s.setLong(1, runId);
                s.setInt(2, r.position());
                s.setInt(3, r.trial());
                s.setString(4, r.itemId());
                s.setString(5, r.ending());
                s.setBoolean(6, r.passed());
                s.setDouble(7, r.score());
                s.setString(8, r.output());
                s.setString(9, Json.write(r.verdicts()));
                s.setString(10, r.detail());
                s.setInt(11, r.inputTokens());
                s.setInt(12, r.outputTokens());
                s.setLong(13, r.latencyMillis());
                if (r.model() == null) {
                    s.setNull(14, Types.VARCHAR);
                } else {
                    s.setString(14, r.model());
                }
                if (r.cost() == null) {
                    s.setNull(15, Types.DOUBLE);
                } else {
                    s.setDouble(15, r.cost());
                }
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            List<ItemResult> inserted = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 0) { // 1, or SUCCESS_NO_INFO from drivers that do not count
                    inserted.add(results.get(i));
                }
            }
            return inserted;
        });
    }

    /** The (position, trial) pairs already done among positions {@code from..to}, as position * trials + trial. */
    public Set<Long> done(long runId, int from, int to, int trials) {
        return jdbc.prepareStatement(
                "SELECT position, trial FROM eval_result WHERE run_id = ? AND position BETWEEN ? AND ?", s -> {
                    s.setLong(1, runId);
                    s.setInt(2, from);
                    s.setInt(3, to);
                    Set<Long> done = new HashSet<>();
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            done.add((long) r.getInt(1) * trials + r.getInt(2));
                        }
                    }
                    return done;
                });
    }

    /** A page of results in item order; {@code filter} is all, failed, errored or passed. */
    public List<ItemResult> page(long runId, String filter, int offset, int limit) {
        String where = " WHERE run_id = ?"
                + switch (filter) {
                    case "failed" -> " AND passed = FALSE AND ending <> 'error'";
                    case "errored" -> " AND ending = 'error'";
                    case "passed" -> " AND passed = TRUE";
                    default -> "";
                };
        return jdbc.prepareStatement(COLUMNS + where + " ORDER BY position, trial LIMIT ? OFFSET ?", s -> {
            s.setLong(1, runId);
            s.setInt(2, limit);
            s.setInt(3, offset);
            return read(s);
        });
    }

    /** Every result of a run in item order, one at a time (aggregates and comparisons of 100,000 items). */
    public void each(long runId, Consumer<ItemResult> consumer) {
        jdbc.prepareStatement(COLUMNS + " WHERE run_id = ? ORDER BY position, trial", s -> {
            s.setLong(1, runId);
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    consumer.accept(row(r));
                }
            }
            return null;
        });
    }

    private static List<ItemResult> read(PreparedStatement s) throws SQLException {
        List<ItemResult> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(row(r));
            }
        }
        return rows;
    }

    private static ItemResult row(ResultSet r) throws SQLException {
        return new ItemResult(
                r.getInt(1),
                r.getInt(2),
                r.getString(3),
                r.getString(4),
                r.getBoolean(5),
                r.getDouble(6),
                r.getString(7),
                Json.mapper().convertValue(Json.read(r.getString(8)), VERDICTS),
                r.getString(9),
                r.getInt(10),
                r.getInt(11),
                r.getLong(12),
                r.getString(13),
                r.getObject(14) == null ? null : r.getDouble(14));
    }
}

package io.parapet.eval.dataset.internal;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Dataset items in bulk, in plain JDBC batches on the caller's transaction: a 100,000-item import is 100 round trips,
 * and reading is keyset-paged by position so that memory does not grow with the dataset.
 */
@Singleton
public class ItemTable {
    private static final int BATCH = 1000;
    private static final String INSERT =
            "INSERT INTO dataset_item (version_id, position, item_id, content) VALUES (?, ?, ?, ?)";
    private static final String PAGE = "SELECT position, item_id, content FROM dataset_item"
            + " WHERE version_id = ? AND position >= ? ORDER BY position LIMIT ?";

    private final JdbcOperations jdbc;

    ItemTable(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** One stored item: its 0-based position in the version, its id and its canonical JSON. */
    public record Row(int position, String itemId, String content) {}

    /** Inserts staged lines of {@code <id>\t<canonical json>} as positions 0, 1, 2, … of {@code versionId}. */
    public void insert(long versionId, BufferedReader staged) {
        jdbc.prepareStatement(INSERT, statement -> {
            try {
                int position = 0;
                String line;
                while ((line = staged.readLine()) != null) {
                    int tab = line.indexOf('\t');
                    statement.setLong(1, versionId);
                    statement.setInt(2, position++);
                    statement.setString(3, line.substring(0, tab));
                    statement.setString(4, line.substring(tab + 1));
                    statement.addBatch();
                    if (position % BATCH == 0) {
                        statement.executeBatch();
                    }
                }
                statement.executeBatch();
                return position;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Up to {@code limit} items from {@code fromPosition} on, in order. */
    public List<Row> page(long versionId, int fromPosition, int limit) {
        return jdbc.prepareStatement(PAGE, statement -> {
            statement.setLong(1, versionId);
            statement.setInt(2, fromPosition);
            statement.setInt(3, limit);
            return rows(statement);
        });
    }

    private static List<Row> rows(PreparedStatement statement) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                rows.add(new Row(r.getInt(1), r.getString(2), r.getString(3)));
            }
        }
        return rows;
    }
}

package io.parapet.streaming.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The relay's SQL over the outbox tables, on a connection whose transaction the caller owns. */
final class OutboxTable {
    private OutboxTable() {}

    /** A pending row, as the producer needs it. */
    record Pending(long id, String eventId, String topic, String key, String payload) {}

    /** Sends a batch to Kafka and returns once every event was acknowledged; throws if any was not. */
    @FunctionalInterface
    interface Publisher {
        void publish(List<Pending> batch) throws InterruptedException;
    }

    // A shard with pending rows that no other relay holds; the least recently relayed first, for fairness.
    private static final String CLAIM = """
            SELECT s.shard FROM outbox_shard s
             WHERE EXISTS (SELECT 1 FROM outbox_event e WHERE e.shard = s.shard AND e.published_at IS NULL)
             ORDER BY s.relayed_at NULLS FIRST, s.shard
             LIMIT 1
               FOR UPDATE SKIP LOCKED
            """;
    private static final String PENDING = """
            SELECT id, event_id, topic, event_key, payload FROM outbox_event
             WHERE shard = ? AND published_at IS NULL
             ORDER BY id
             LIMIT ?
            """;

    static int relayShard(Connection c, int batchSize, Instant now, Publisher publisher)
            throws SQLException, InterruptedException {
        Integer shard = claim(c);
        if (shard == null) {
            return 0;
        }
        List<Pending> batch = pending(c, shard, batchSize);
        publisher.publish(batch);
        try (PreparedStatement mark = c.prepareStatement("UPDATE outbox_event SET published_at = ? WHERE id = ?")) {
            for (Pending p : batch) {
                mark.setTimestamp(1, Timestamp.from(now));
                mark.setLong(2, p.id());
                mark.addBatch();
            }
            mark.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE outbox_shard SET relayed_at = ? WHERE shard = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setInt(2, shard);
            s.executeUpdate();
        }
        return batch.size();
    }

    static int purge(Connection c, Instant publishedBefore) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM outbox_event WHERE published_at < ?")) {
            s.setTimestamp(1, Timestamp.from(publishedBefore));
            return s.executeUpdate();
        }
    }

    private static Integer claim(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CLAIM);
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getInt(1) : null;
        }
    }

    private static List<Pending> pending(Connection c, int shard, int limit) throws SQLException {
        List<Pending> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(PENDING)) {
            s.setInt(1, shard);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Pending(
                            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return rows;
    }
}

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

    /** Sends a batch to Kafka and returns each record's answer, in order; throws if none could be sent. */
    @FunctionalInterface
    interface Publisher {
        List<RelayProducer.Sent> publish(List<Pending> batch) throws InterruptedException;
    }

    /**
     * What a round did: rows published (dead letters included) and set aside, and the first failure that left rows
     * pending, or null.
     */
    record Round(int published, int deadLettered, Throwable failure) {}

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

    /**
     * Claims a shard and sends its oldest pending rows. Every row Kafka acknowledged is marked published, even when a
     * later one failed, so it is not sent again; a row Kafka refused for good is moved to the dead-letter table, marked
     * published, and announced on {@code parapet.dlq}; a row that failed otherwise stays pending for the next round.
     */
    static Round relayShard(Connection c, int batchSize, Instant now, Publisher publisher)
            throws SQLException, InterruptedException {
        Integer shard = claim(c);
        if (shard == null) {
            return new Round(0, 0, null);
        }
        List<Pending> batch = pending(c, shard, batchSize);
        List<RelayProducer.Sent> answers = publisher.publish(batch);
        List<Pending> done = new ArrayList<>();
        int deadLettered = 0;
        Throwable failure = null;
        for (int i = 0; i < batch.size(); i++) {
            switch (answers.get(i)) {
                case RelayProducer.Sent.Acked acked -> done.add(batch.get(i));
                case RelayProducer.Sent.Refused refused -> {
                    DeadLetters.add(c, batch.get(i), refused.reason(), now);
                    done.add(batch.get(i));
                    deadLettered++;
                }
                case RelayProducer.Sent.Failed failed -> failure = failure == null ? failed.cause() : failure;
            }
        }
        markPublished(c, done, now);
        try (PreparedStatement s = c.prepareStatement("UPDATE outbox_shard SET relayed_at = ? WHERE shard = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setInt(2, shard);
            s.executeUpdate();
        }
        return new Round(done.size(), deadLettered, failure);
    }

    private static void markPublished(Connection c, List<Pending> rows, Instant now) throws SQLException {
        try (PreparedStatement mark = c.prepareStatement("UPDATE outbox_event SET published_at = ? WHERE id = ?")) {
            for (Pending p : rows) {
                mark.setTimestamp(1, Timestamp.from(now));
                mark.setLong(2, p.id());
                mark.addBatch();
            }
            mark.executeBatch();
        }
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

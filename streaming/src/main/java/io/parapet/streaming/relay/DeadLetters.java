package io.parapet.streaming.relay;

import io.parapet.core.Text;
import io.parapet.core.events.DeadLetterEvent;
import io.parapet.core.events.Outbox;
import io.parapet.core.events.OutboxEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Sets aside an event Kafka refused for good, in the relay's transaction: the event moves to {@code
 * outbox_dead_letter} with the reason, and a small {@code parapet.dead-letter.v1} notice (id, topic, key, size,
 * reason; not the payload, which is what was too large) joins the outbox for {@code parapet.dlq}.
 */
final class DeadLetters {
    private static final int MAX_REASON = 2_000;

    private DeadLetters() {}

    static void add(Connection c, OutboxTable.Pending event, String reason, Instant now) throws SQLException {
        String why = Text.clip(reason, MAX_REASON - 1);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox_dead_letter (event_id, topic, event_key,"
                + " payload, reason, failed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, event.eventId());
            s.setString(2, event.topic());
            s.setString(3, event.key());
            s.setString(4, event.payload());
            s.setString(5, why);
            s.setTimestamp(6, Timestamp.from(now));
            s.executeUpdate();
        }
        var notice = new DeadLetterEvent(
                why,
                event.eventId(),
                event.topic(),
                event.key(),
                event.payload().length());
        OutboxEvent row = Outbox.event(DeadLetterEvent.TYPE, "relay", event.key(), notice, now);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox_event (event_id, topic, event_key, shard,"
                + " payload, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, row.eventId());
            s.setString(2, row.topic());
            s.setString(3, row.eventKey());
            s.setInt(4, row.shard());
            s.setString(5, row.payload());
            s.setTimestamp(6, Timestamp.from(now));
            s.executeUpdate();
        }
    }
}

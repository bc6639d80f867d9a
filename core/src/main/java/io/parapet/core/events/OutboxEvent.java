package io.parapet.core.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One event waiting for (or done with) the relay: the CloudEvents JSON {@code payload}, the topic and key it is
 * published with, and the shard of its key.
 */
@MappedEntity("outbox_event")
public record OutboxEvent(
        @Id @GeneratedValue @Nullable Long id,
        String eventId,
        String topic,
        String eventKey,
        int shard,
        String payload,
        Instant createdAt,
        @Nullable Instant publishedAt) {}

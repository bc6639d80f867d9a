package io.parapet.core.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.micronaut.context.annotation.Value;
import io.parapet.core.Json;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Writes events as CloudEvents 1.0 JSON into the outbox table, inside the caller's transaction when there is one,
 * so an event exists exactly when the change it describes committed. The relay publishes them to Kafka.
 */
@Singleton
public class Outbox {
    /** Rows of one key land in one shard; at most this many relays publish at once. */
    public static final int SHARDS = 16;

    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private final OutboxRepository repository;
    private final Clock clock;
    private final boolean enabled;

    /**
     * @param discardUnlessKafka true only where events have nowhere to wait: an edge gateway's registry lives in
     *     memory, so with no Kafka configured its events are dropped rather than piled up (it says so at start)
     */
    Outbox(
            OutboxRepository repository,
            Clock clock,
            @Value("${parapet.events.discard-unless-kafka:false}") boolean discardUnlessKafka,
            @Value("${parapet.kafka.bootstrap-servers:}") String kafka) {
        this.repository = repository;
        this.clock = clock;
        this.enabled = !discardUnlessKafka || !kafka.isBlank();
    }

    /**
     * Appends one event.
     *
     * @param source the component that saw it happen, such as {@code gateway} or {@code registry}
     * @param key what orders the events: events with one key are published in order, to one Kafka partition
     * @param data a JSON-serializable value (a record, a map or a Jackson tree)
     * @return the event id, which consumers deduplicate by
     */
    @Transactional
    public String append(EventType type, String source, String key, Object data) {
        OutboxEvent event = event(type, source, key, data, clock.instant());
        if (enabled) {
            repository.save(event);
        }
        return event.eventId();
    }

    /** A new, unsaved outbox row: {@code data} as the CloudEvents 1.0 JSON payload, with a fresh event id. */
    public static OutboxEvent event(EventType type, String source, String key, Object data, Instant now) {
        String id = UUID.randomUUID().toString();
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("/parapet/" + source))
                .withType(type.type())
                .withSubject(key)
                .withTime(now.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withExtension("partitionkey", key)
                .withData(Json.write(data).getBytes(StandardCharsets.UTF_8))
                .build();
        String payload = new String(FORMAT.serialize(event), StandardCharsets.UTF_8);
        return new OutboxEvent(null, id, type.topic(), key, shard(key), payload, now, null);
    }

    /** One event to append: see {@link #append}. */
    public record Pending(EventType type, String source, String key, Object data) {}

    /**
     * Appends several events in one transaction, in order, as one JDBC batch: one commit and one round trip instead
     * of one per event (the gateway's event writer spent a quarter of the server's samples here, row by row).
     */
    @Transactional
    public void appendAll(List<Pending> events) {
        if (!enabled || events.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        repository.saveAll(events.stream()
                .map(e -> event(e.type(), e.source(), e.key(), e.data(), now))
                .toList());
    }

    /** The shard of a key: {@link String#hashCode} is specified, so every instance agrees. */
    public static int shard(String key) {
        return Math.floorMod(key.hashCode(), SHARDS);
    }
}

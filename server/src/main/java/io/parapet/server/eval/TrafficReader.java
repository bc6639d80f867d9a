package io.parapet.server.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import io.parapet.core.Problem;
import io.parapet.streaming.KafkaEndpoint;
import io.parapet.streaming.KafkaSettings;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a time range of a topic without a consumer group: each partition is sought to the first offset at or after
 * {@code from} ({@code offsetsForTimes}) and read until a record past {@code to} or the end it had when the read
 * began. Kafka is the log; nothing else stores traffic.
 */
@Singleton
class TrafficReader {
    private static final Duration POLL = Duration.ofMillis(500);
    private final KafkaEndpoint endpoint;

    TrafficReader(KafkaEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Hands each event's CloudEvent {@code data}, with its Kafka key, to {@code consumer}, in time order per partition. */
    void read(String topic, Instant from, Instant to, Consumer<Event> consumer) {
        KafkaSettings kafka;
        try {
            kafka = endpoint.resolve()
                    .orElseThrow(() -> new ParapetException(
                            Problem.SERVICE_UNAVAILABLE, "no Kafka is configured, so there is no traffic to read"));
        } catch (ParapetException e) {
            throw e;
        } catch (Exception e) {
            throw new ParapetException(Problem.SERVICE_UNAVAILABLE, "Kafka cannot be reached: " + e.getMessage());
        }
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            c.assign(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = c.offsetsForTimes(times);
            Map<TopicPartition, Long> open = new HashMap<>();
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp start = starts.get(p);
                if (start != null && start.offset() < end.get(p)) {
                    c.seek(p, start.offset());
                    open.put(p, end.get(p));
                }
            }
            c.pause(partitions.stream().filter(p -> !open.containsKey(p)).toList());
            while (!open.isEmpty()) {
                for (ConsumerRecord<String, String> r : c.poll(POLL)) {
                    TopicPartition p = new TopicPartition(r.topic(), r.partition());
                    if (!open.containsKey(p)) {
                        continue;
                    }
                    if (r.timestamp() > to.toEpochMilli() || r.offset() + 1 >= open.get(p)) {
                        close(c, open, p);
                    }
                    if (r.timestamp() <= to.toEpochMilli() && r.value() != null) {
                        JsonNode event = Json.read(r.value());
                        consumer.accept(new Event(r.key(), event.path("data")));
                    }
                }
            }
        }
    }

    private static void close(KafkaConsumer<String, String> c, Map<TopicPartition, Long> open, TopicPartition p) {
        open.remove(p);
        c.pause(List.of(p));
    }

    /** One event: its Kafka key and CloudEvent data. */
    record Event(String key, JsonNode data) {}
}

package io.parapet.streaming.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what tests expect on a topic, from its beginning, with a group of its own (other modules use it too). */
public final class KafkaRecords {
    private KafkaRecords() {}

    /**
     * Records whose key starts with {@code keyPrefix}, read until {@code count} arrived or {@code timeout} passed,
     * then half a second more, so that a duplicate or an extra record would show up too.
     */
    public static List<ConsumerRecord<String, String>> read(
            String bootstrapServers, String topic, String keyPrefix, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Map<String, Object> props = Map.of(
                "bootstrap.servers",
                bootstrapServers,
                "group.id",
                "test-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                poll(consumer, keyPrefix, records, Duration.ofMillis(200));
            }
            poll(consumer, keyPrefix, records, Duration.ofMillis(500));
        }
        return records;
    }

    private static void poll(
            KafkaConsumer<String, String> consumer,
            String keyPrefix,
            List<ConsumerRecord<String, String>> into,
            Duration timeout) {
        for (ConsumerRecord<String, String> r : consumer.poll(timeout)) {
            if (r.key() != null && r.key().startsWith(keyPrefix)) {
                into.add(r);
            }
        }
    }

    /** The offsets consumer group {@code group} has committed on {@code topic}, summed over its partitions. */
    public static long committed(String bootstrapServers, String group, String topic) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.<String, Object>of("bootstrap.servers", bootstrapServers))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
        }
    }

    /**
     * How far {@code group} is behind on every topic it has committed offsets for (end offset minus committed,
     * summed): 0 when it has read everything, internal repartition topics included.
     */
    public static long lag(String bootstrapServers, String group) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.<String, Object>of("bootstrap.servers", bootstrapServers))) {
            var committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            var request = new java.util.HashMap<
                    org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>();
            committed.keySet().forEach(p -> request.put(p, org.apache.kafka.clients.admin.OffsetSpec.latest()));
            var ends = admin.listOffsets(request).all().get();
            long lag = 0;
            for (var e : committed.entrySet()) {
                long at = e.getValue() == null ? 0 : e.getValue().offset();
                lag += Math.max(0, ends.get(e.getKey()).offset() - at);
            }
            return lag;
        }
    }
}

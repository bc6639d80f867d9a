package io.parapet.streaming.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real single-node KRaft broker inside the test JVM (no Docker here), shared by the tests of one JVM. */
public final class KafkaTestBroker {
    private static KafkaClusterTestKit cluster;

    private KafkaTestBroker() {}

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            try {
                KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                                .setCombined(true)
                                .setNumBrokerNodes(1)
                                .setNumControllerNodes(1)
                                .build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .build();
                kit.format();
                kit.startup();
                kit.waitForReadyBrokers();
                cluster = kit;
                Runtime.getRuntime().addShutdownHook(new Thread(KafkaTestBroker::shutdown, "kafka-test-broker-stop"));
            } catch (Exception e) {
                throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
            }
        }
        return cluster.bootstrapServers();
    }

    private static synchronized void shutdown() {
        try {
            cluster.close();
        } catch (Exception ignored) {
            // JVM exit: nothing left to protect.
        }
    }

    /**
     * Reads a topic from the beginning until {@code count} records whose key starts with {@code keyPrefix} arrived
     * or the timeout passed, and returns those records.
     */
    public static List<ConsumerRecord<String, String>> read(
            String topic, String keyPrefix, int count, Duration timeout) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                poll(consumer, keyPrefix, records, Duration.ofMillis(200));
            }
            // A little longer, so that a duplicate or an extra record would show up too.
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
}

package io.parapet.streaming.relay;

import io.parapet.core.events.EventType;
import io.parapet.streaming.KafkaSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates Parapet's topics with the configured partitions and replication; topics that exist are left alone. */
public final class Topics {
    /** Topics that hold the latest value per key (settings), not a history of events. */
    private static final Set<String> COMPACTED = Set.of(EventType.MONITOR_SETTINGS.topic());

    private Topics() {}

    public static List<String> names() {
        return Arrays.stream(EventType.values()).map(EventType::topic).toList();
    }

    public static void create(KafkaSettings kafka) throws InterruptedException, TimeoutException {
        create(kafka, names());
    }

    /**
     * Waits until the broker's metadata lists every topic: a topic is created before its metadata has spread, and
     * a client that looks in between (Kafka Streams initializing a global store) finds no partitions and fails.
     */
    private static void awaitVisible(Admin admin, List<String> topics) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "created topics did not appear: " + e.getCause().getMessage(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Creates {@code topics} where missing (the monitors add their own to the event topics). */
    public static void create(KafkaSettings kafka, List<String> topics) throws InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, kafka.partitions(), kafka.replicationFactor())
                            .configs(
                                    COMPACTED.contains(t)
                                            ? Map.of(
                                                    TopicConfig.CLEANUP_POLICY_CONFIG,
                                                    TopicConfig.CLEANUP_POLICY_COMPACT)
                                            : Map.of()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                awaitVisible(admin, topics);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) { // another instance was faster
                throw new IllegalStateException(
                        "could not create the Kafka topics: " + e.getCause().getMessage(), e);
            }
        }
    }
}

package io.parapet.streaming.test;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/** A real single-node KRaft broker inside the test JVM (no Docker here), shared by the tests of one JVM. */
public final class KafkaTestBroker {
    private static KafkaClusterTestKit cluster;

    private KafkaTestBroker() {}

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            // Kafka halts the JVM on a fatal broker fault. The shared broker stops in a shutdown hook, racing the
            // JVM's other hooks; a fault there would fail a test run whose tests all passed. Log it instead: a
            // fault while tests run still shows, as the broker stops answering them.
            Exit.setHaltProcedure(
                    (status, message) -> System.err.println("Kafka asked to halt (" + status + "): " + message));
            Exit.setExitProcedure(
                    (status, message) -> System.err.println("Kafka asked to exit (" + status + "): " + message));
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

    /** As {@link KafkaRecords#read}, on this broker. */
    public static List<ConsumerRecord<String, String>> read(
            String topic, String keyPrefix, int count, Duration timeout) {
        return KafkaRecords.read(bootstrapServers(), topic, keyPrefix, count, timeout);
    }
}

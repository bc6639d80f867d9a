package io.parapet.streaming.monitor;

import io.parapet.streaming.monitor.drift.DriftSettings;
import io.parapet.streaming.monitor.online.OnlineSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The monitor topology in a {@link TopologyTestDriver}, with its input and output topics, for unit tests. */
final class MonitorDriver implements AutoCloseable {
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> completions;
    final TestOutputTopic<String, String> alerts;
    final TestOutputTopic<String, String> metrics;
    final TestOutputTopic<String, String> dlq;
    final TestOutputTopic<String, String> evalOnline;
    final TestInputTopic<String, String> promptSettings;

    MonitorDriver(
            MonitorSettings settings,
            DriftSettings drift,
            OnlineSettings online,
            MonitorPlugins plugins,
            Instant wallClock) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "monitor-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(MonitorTopology.build(settings, drift, online, plugins), props, wallClock);
        completions =
                driver.createInputTopic("parapet.chat.completions", new StringSerializer(), new ByteArraySerializer());
        alerts = output(MonitorTopics.ALERTS);
        metrics = output(MonitorTopics.METRICS);
        dlq = output(MonitorTopics.DLQ);
        evalOnline = output(MonitorTopics.EVAL_ONLINE);
        promptSettings =
                driver.createInputTopic("parapet.monitor.settings", new StringSerializer(), new StringSerializer());
    }

    private TestOutputTopic<String, String> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
    }

    /** Pipes one event; the record's own timestamp is the relay's, an hour later: the monitors use the event's. */
    void send(String key, String event, Instant eventTime) {
        completions.pipeInput(key, event.getBytes(StandardCharsets.UTF_8), eventTime.plusSeconds(3600));
    }

    void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    @Override
    public void close() {
        driver.close();
    }
}

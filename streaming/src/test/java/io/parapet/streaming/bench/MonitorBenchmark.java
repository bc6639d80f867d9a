package io.parapet.streaming.bench;

import io.parapet.core.Json;
import io.parapet.guardrails.classify.Embeddings;
import io.parapet.streaming.KafkaSettings;
import io.parapet.streaming.broker.LocalKafka;
import io.parapet.streaming.monitor.MonitorPlugins;
import io.parapet.streaming.monitor.MonitorSettings;
import io.parapet.streaming.monitor.MonitorTopics;
import io.parapet.streaming.monitor.MonitorTopology;
import io.parapet.streaming.monitor.StateSize;
import io.parapet.streaming.monitor.drift.DriftSettings;
import io.parapet.streaming.monitor.online.OnlineSettings;
import io.parapet.streaming.relay.Topics;
import io.parapet.streaming.test.KafkaRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The monitors' speed ({@code ./parapet bench monitors}), each run on a fresh broker in this JVM with
 * exactly_once_v2 and one stream thread:
 *
 * <ul>
 *   <li>throughput: N completion events (200 prompt versions, 10 minutes of event time, as the gateway writes them)
 *       produced first, then read by the topology; events per second from start to the last committed offset, with
 *       numeric monitors only, with numeric and categorical drift, and with semantic drift (real MiniLM);
 *   <li>end-to-end latency: live toxic traffic, then the time from a window's close (end + grace) to its alert
 *       being readable (read_committed) on {@code parapet.alerts};
 *   <li>the state one prompt version keeps per open window, serialized.
 * </ul>
 */
public final class MonitorBenchmark {
    private static final String APP = "monitor-bench";

    private MonitorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", 200_000);
        int semanticEvents = Integer.getInteger("bench.semanticEvents", 20_000);
        MonitorSettings settings = MonitorSettings.defaults();
        DriftSettings noDrift = new DriftSettings(false, 500, 50, 0.01, 0.1, 0.1, 0, 0, 3, 0.02);
        OnlineSettings noOnline = new OnlineSettings(0, 1, 8000);
        MonitorPlugins embedder = new MonitorPlugins(null, Embeddings::embed, List.of());

        Run numeric = throughput(events, settings, noDrift, noOnline, MonitorPlugins.none());
        if (Boolean.getBoolean("bench.numericOnly")) {
            System.out.printf(
                    "%nnumeric monitors only, %d events: %.0f events/s, %.0f per CPU-second of the stream thread%n",
                    events, numeric.perSecond(), numeric.perCpuSecond());
            return;
        }
        Run drift = throughput(
                events, settings, DriftSettings.defaults(), OnlineSettings.defaults(), MonitorPlugins.none());
        Run semantic =
                throughput(semanticEvents, settings, DriftSettings.defaults(), OnlineSettings.defaults(), embedder);
        Run everyInput = throughput(
                Math.min(semanticEvents, 4_000),
                settings,
                DriftSettings.defaults().withEmbeddingsPerSecond(0),
                OnlineSettings.defaults(),
                embedder);
        List<Long> latencies = endToEndLatency();

        System.out.printf(
                "%nMonitor benchmark, %s, %d cores, Java %d, 1 stream thread, exactly_once_v2, broker in the same"
                        + " JVM%n%n",
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version().feature());
        System.out.println("| what | measured | target |");
        System.out.println("|---|---|---|");
        System.out.printf(
                "| numeric monitors only (toxicity, blocks, errors, latency, tokens; 1m, 5m, 1h), %d events |"
                        + " %.0f events/s (%.0f per CPU-second of the stream thread) | ≥ 20,000 events/s per core |%n",
                events, numeric.perSecond(), numeric.perCpuSecond());
        System.out.printf(
                "| + numeric and categorical drift, online evaluation of 5%%, %d events | %.0f events/s (%.0f per"
                        + " CPU-second) | |%n",
                events, drift.perSecond(), drift.perCpuSecond());
        System.out.printf(
                "| + semantic drift (MiniLM, ≤ 100 inputs embedded a second), %d events | %.0f events/s |"
                        + " ≥ 800 events/s per core |%n",
                semanticEvents, semantic.perSecond());
        System.out.printf(
                "| semantic drift embedding every input, %d events | %.0f events/s | |%n",
                everyInput.events(), everyInput.perSecond());
        System.out.printf(
                "| window close → alert readable on parapet.alerts (3 windows) | %s ms | ≤ 5,000 ms |%n", latencies);
        System.out.printf(
                "| state per prompt version per open window: numeric only / + drift / + semantic drift |"
                        + " %.1f / %.1f / %.1f KB (any traffic) | bounded |%n",
                StateSize.ofWindow(10_000, 0, false) / 1e3,
                StateSize.ofWindow(10_000, 0, true) / 1e3,
                StateSize.ofWindow(10_000, Embeddings.DIMENSIONS, true) / 1e3);
        System.out.printf(
                "| state directory after the drift run (200 versions × 3 window sizes, references) | %.1f MB | |%n",
                drift.stateBytes() / 1e6);
    }

    /**
     * @param perSecond events per wall-clock second
     * @param perCpuSecond events per CPU-second of the stream thread: what one core does when the broker, the
     *     Kafka clients' network threads and the load generator are not sharing it (on two cores they are)
     */
    record Run(int events, double perSecond, double perCpuSecond, long stateBytes) {}

    /** CPU time of this process's Kafka Streams processing threads so far. */
    private static long streamThreadCpuNanos() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().contains("-StreamThread-"))
                .mapToLong(t -> Math.max(0, bean.getThreadCpuTime(t.threadId())))
                .sum();
    }

    private static Run throughput(
            int events, MonitorSettings settings, DriftSettings drift, OnlineSettings online, MonitorPlugins plugins)
            throws Exception {
        Path dir = Files.createTempDirectory("parapet-monitor-bench");
        try (LocalKafka broker = LocalKafka.start(dir.resolve("kafka"), 0)) {
            KafkaSettings kafka = topics(broker);
            produce(kafka, events);
            long start = System.nanoTime();
            try (KafkaStreams streams =
                    new KafkaStreams(MonitorTopology.build(settings, drift, online, plugins), properties(kafka, dir))) {
                streams.start();
                // Done when every input is read, the internal repartition topic too: the windows may lag the decoding.
                while (KafkaRecords.committed(kafka.bootstrapServers(), APP, "parapet.chat.completions") < events
                        || KafkaRecords.lag(kafka.bootstrapServers(), APP) > 0) {
                    Thread.sleep(Duration.ofMillis(100));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = streamThreadCpuNanos() / 1e9;
                return new Run(events, events / seconds, events / cpuSeconds, size(dir.resolve("state")));
            }
        }
    }

    /** Three live windows of 10 s (grace 1 s) with a toxic burst each; wall-clock ms from close to alert. */
    private static List<Long> endToEndLatency() throws Exception {
        MonitorSettings settings = new MonitorSettings(
                true,
                List.of(Duration.ofSeconds(10)),
                Duration.ofSeconds(1),
                0.5,
                0.2,
                0.2,
                0.5,
                0.2,
                Duration.ZERO,
                5,
                "",
                APP);
        Path dir = Files.createTempDirectory("parapet-monitor-latency");
        List<Long> latencies = new ArrayList<>();
        try (LocalKafka broker = LocalKafka.start(dir.resolve("kafka"), 0)) {
            KafkaSettings kafka = topics(broker);
            try (KafkaStreams streams = new KafkaStreams(
                            MonitorTopology.build(
                                    settings,
                                    DriftSettings.defaults(),
                                    OnlineSettings.defaults(),
                                    MonitorPlugins.none()),
                            properties(kafka, dir));
                    var producer = producer(kafka);
                    var alerts = alertConsumer(kafka)) {
                streams.start();
                while (streams.state() != KafkaStreams.State.RUNNING) {
                    Thread.sleep(100);
                }
                for (int w = 0; w < 3; w++) {
                    long now = System.currentTimeMillis();
                    long windowStart = now - now % 10_000 + 10_000;
                    Thread.sleep(windowStart - now + 200);
                    for (int i = 0; i < 10; i++) {
                        Instant at = Instant.ofEpochMilli(System.currentTimeMillis());
                        producer.send(record("latency/p", at, i, 0.9));
                    }
                    producer.flush();
                    long closes = windowStart + 10_000 + 1_000;
                    while (true) {
                        var polled = alerts.poll(Duration.ofMillis(50));
                        if (!polled.isEmpty()) {
                            latencies.add(System.currentTimeMillis() - closes);
                            break;
                        }
                    }
                }
            }
        }
        return latencies;
    }

    private static KafkaSettings topics(LocalKafka broker) throws Exception {
        KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers(), 2);
        List<String> topics = new ArrayList<>(Topics.names());
        topics.addAll(MonitorTopics.all());
        Topics.create(kafka, topics);
        return kafka;
    }

    private static Properties properties(KafkaSettings kafka, Path dir) {
        Properties props = new Properties();
        props.putAll(kafka.clientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        return props;
    }

    private static KafkaProducer<String, byte[]> producer(KafkaSettings kafka) {
        Map<String, Object> props = new java.util.HashMap<>(kafka.clientProperties());
        props.put("linger.ms", 20);
        props.put("batch.size", 262_144);
        props.put("compression.type", "lz4");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, String> alertConsumer(KafkaSettings kafka) {
        Map<String, Object> props = new java.util.HashMap<>(kafka.clientProperties());
        props.put("group.id", "bench-alerts");
        props.put("isolation.level", "read_committed");
        props.put("auto.offset.reset", "earliest");
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(MonitorTopics.ALERTS));
        return consumer;
    }

    private static void produce(KafkaSettings kafka, int events) {
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        try (var producer = producer(kafka)) {
            for (int i = 0; i < events; i++) {
                producer.send(record("bench/p" + (i % 200), t0.plusMillis(i * 600_000L / events), i, (i % 97) / 100.0));
            }
            producer.flush();
        }
    }

    private static final String[] INPUTS = {
        "How do I reset my password for account %d?",
        "Can you summarise the attached report in three bullet points, version %d?",
        "What is the refund policy for order %d?",
        "Translate 'good morning' into French and Spanish, item %d.",
        "Write a short poem about the sea for card %d.",
    };

    private static ProducerRecord<String, byte[]> record(String prompt, Instant at, int i, double toxicity) {
        var e = Json.mapper()
                .createObjectNode()
                .put("specversion", "1.0")
                .put("id", "e" + i + "-" + at.toEpochMilli())
                .put("source", "/parapet/bench")
                .put("type", "parapet.chat.completion.v1")
                .put("time", at.toString())
                .put("datacontenttype", "application/json");
        var data = e.putObject("data")
                .put("prompt", prompt)
                .put("promptVersion", 1)
                .put("model", "echo");
        data.put("finishReason", i % 50 == 0 ? "input_blocked" : "stop");
        data.putObject("timings").put("totalMs", 80 + i % 400);
        data.putObject("tokens").put("input", 20 + i % 300).put("output", 120);
        var g = data.putArray("guardrails");
        g.addObject()
                .put("direction", "input")
                .put("scanner", "prompt-injection")
                .put("action", "block")
                .put("score", 0.01)
                .put("triggered", i % 50 == 0);
        g.addObject()
                .put("direction", "output")
                .put("scanner", "toxicity")
                .put("action", "block")
                .put("score", toxicity)
                .put("triggered", toxicity >= 0.5);
        data.put("input", String.format(INPUTS[i % INPUTS.length], i)).put("output", "an answer");
        return new ProducerRecord<>(
                "parapet.chat.completions", prompt, Json.write(e).getBytes(StandardCharsets.UTF_8));
    }

    private static long size(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }
}

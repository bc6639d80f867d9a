package io.parapet.streaming.bench;

import io.parapet.core.Json;
import io.parapet.streaming.KafkaSettings;
import io.parapet.streaming.broker.LocalKafka;
import io.parapet.streaming.monitor.MonitorPlugins;
import io.parapet.streaming.monitor.MonitorSettings;
import io.parapet.streaming.monitor.MonitorTopics;
import io.parapet.streaming.monitor.MonitorTopology;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The monitors' throughput ({@code ./parapet bench monitors}): a real broker in this JVM, N completion events
 * (200 prompt versions, 10 minutes of event time, scores included, as the gateway writes them) produced first,
 * then the monitor topology with exactly_once_v2 and one stream thread reads them all; the figure is events per
 * second from start to the last committed offset. Also reports the state directory's size.
 */
public final class MonitorBenchmark {
    private MonitorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", 200_000);
        Path dir = Files.createTempDirectory("parapet-monitor-bench");
        try (LocalKafka broker = LocalKafka.start(dir.resolve("kafka"), 0)) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers(), 2);
            List<String> topics = new ArrayList<>(Topics.names());
            topics.addAll(MonitorTopics.all());
            Topics.create(kafka, topics);
            produce(kafka, events);

            MonitorSettings settings = MonitorSettings.defaults();
            Properties props = new Properties();
            props.putAll(kafka.clientProperties());
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "monitor-bench");
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
            long start = System.nanoTime();
            try (KafkaStreams streams =
                    new KafkaStreams(MonitorTopology.build(settings, MonitorPlugins.none()), props)) {
                streams.start();
                awaitConsumed(kafka, events);
                double seconds = (System.nanoTime() - start) / 1e9;
                long stateBytes = size(dir.resolve("state"));
                System.out.println();
                System.out.printf(
                        "Monitor benchmark, %s, %d cores, Java %d, %d events, 1 stream thread, exactly_once_v2%n%n",
                        LocalDate.now(),
                        Runtime.getRuntime().availableProcessors(),
                        Runtime.version().feature(),
                        events);
                System.out.println("| what | measured | target |");
                System.out.println("|---|---|---|");
                System.out.printf(
                        "| numeric monitors (toxicity, blocks, errors, latency, tokens; windows 1m, 5m, 1h) |"
                                + " %.0f events/s | ≥ 20,000 events/s per core |%n",
                        events / seconds);
                System.out.printf(
                        "| state directory after the run (200 subjects x 3 window sizes, 10 min of events) |"
                                + " %.1f MB | bounded |%n",
                        stateBytes / 1e6);
            }
        }
    }

    private static void produce(KafkaSettings kafka, int events) throws Exception {
        Map<String, Object> props = new java.util.HashMap<>(kafka.clientProperties());
        props.put("linger.ms", 20);
        props.put("batch.size", 262_144);
        props.put("compression.type", "lz4");
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                String prompt = "bench/p" + (i % 200);
                Instant at = t0.plusMillis(i * 600_000L / events);
                byte[] value = event(prompt, at, i).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>("parapet.chat.completions", prompt, value));
            }
            producer.flush();
        }
    }

    private static String event(String prompt, Instant at, int i) {
        var e = Json.mapper()
                .createObjectNode()
                .put("specversion", "1.0")
                .put("id", "e" + i)
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
        data.putObject("tokens").put("input", 200).put("output", 120);
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
                .put("score", (i % 97) / 100.0)
                .put("triggered", false);
        data.put("input", "a question").put("output", "an answer");
        return Json.write(e);
    }

    private static void awaitConsumed(KafkaSettings kafka, long events) throws Exception {
        while (KafkaRecords.committed(kafka.bootstrapServers(), "monitor-bench", "parapet.chat.completions") < events) {
            Thread.sleep(Duration.ofMillis(100));
        }
    }

    private static long size(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }
}

package io.parapet.streaming.monitor;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.parapet.core.events.EventType;
import io.parapet.streaming.monitor.drift.DriftSettings;
import io.parapet.streaming.monitor.drift.KernelFeatures;
import io.parapet.streaming.monitor.online.BuiltInChecks;
import io.parapet.streaming.monitor.online.OnlineCheck;
import io.parapet.streaming.monitor.online.OnlineEvaluator;
import io.parapet.streaming.monitor.online.OnlineSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The monitors as one Kafka Streams topology:
 *
 * <pre>
 * parapet.chat.completions ─ decode (event time) ─┬─ unreadable or mis-keyed ─────────────────► parapet.dlq
 *   (keyed by prompt)                             └─ once per event id ─ score toxicity if missing ─┐
 *                                                        ┌──────────────────────────────────────────┘
 *                                                        ├─ sample ─ checks ──────────────────► parapet.eval.online
 *                                                        └─ embed input (sample) ─┐
 *                          windows per subject (1m/5m/1h), drift vs. the subject's reference ◄┘
 *                                 └─ at window close ─┬─► parapet.monitor.metrics
 *                                                     └─► parapet.alerts (rules)
 * </pre>
 *
 * The window monitor's state (open windows, references) lives in stores with changelogs; see {@link WindowMonitor}
 * for when windows close and what happens to late events.
 */
public final class MonitorTopology {
    private MonitorTopology() {}

    public static Topology build(MonitorSettings settings, MonitorPlugins plugins) {
        return build(settings, DriftSettings.defaults(), OnlineSettings.defaults(), plugins);
    }

    public static Topology build(
            MonitorSettings settings, DriftSettings drift, OnlineSettings online, MonitorPlugins plugins) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, DecodeProcessor.Out> decoded = builder.stream(
                        EventType.CHAT_COMPLETION.topic(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("completions"))
                .process(DecodeProcessor::new, Named.as("decode"));
        decoded.filter((k, out) -> out.deadLetter() != null, Named.as("unreadable"))
                .mapValues(DecodeProcessor.Out::deadLetter, Named.as("dead-letter"))
                .to(
                        MonitorTopics.DLQ,
                        Produced.with(Serdes.String(), Serdes.String()).withName("to-dlq"));

        builder.addStateStore(Deduplicate.store(Deduplicate.horizon(settings)));
        KStream<String, Completion> readable = decoded.filter(
                        (k, out) -> out.completion() != null, Named.as("readable"))
                .mapValues(DecodeProcessor.Out::completion, Named.as("completion"))
                .process(Deduplicate::new, Named.as("once-per-event-id"), Deduplicate.SEEN)
                .mapValues(c -> scored(c, plugins.toxicity()), Named.as("score-toxicity"));

        List<OnlineCheck> checks = new ArrayList<>(BuiltInChecks.of(online));
        checks.addAll(plugins.checks());
        OnlineEvaluator evaluator = new OnlineEvaluator(checks);
        readable.filter((k, c) -> Sampling.picks(c.id(), online.sample()), Named.as("online-sample"))
                .mapValues(evaluator::evaluate, Named.as("online-checks"))
                .to(
                        MonitorTopics.EVAL_ONLINE,
                        Produced.with(Serdes.String(), Serdes.String()).withName("to-eval-online"));

        boolean semantic = drift.enabled() && plugins.embedder() != null && drift.semanticSample() > 0;
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(WindowMonitor.WINDOWS), Serdes.String(), MonitorSerdes.windowState()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(WindowMonitor.REFERENCES),
                Serdes.String(),
                MonitorSerdes.driftProfile()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(WindowMonitor.CLOCK), Serdes.String(), Serdes.Long()));
        builder.globalTable(
                EventType.MONITOR_SETTINGS.topic(),
                Consumed.with(Serdes.String(), Serdes.String()).withName("monitor-settings-source"),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(WindowMonitor.SETTINGS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.String()));
        KernelFeatures kernel = semantic ? new KernelFeatures(dimensions(plugins.embedder())) : null;
        Bucket budget = embeddingBudget(drift.semanticPerSecond());
        readable.mapValues(
                        c -> embedded(c, semantic ? plugins.embedder() : null, drift, budget), Named.as("embed-input"))
                // No repartition: events are keyed by prompt (or model:<name>), so every version of a prompt is
                // on one partition already, and its windows live in the task that reads it. Repartitioning by
                // subject cost a fifth of the throughput (docs/benchmarks.md).
                .process(
                        () -> new WindowMonitor(settings, drift, kernel),
                        Named.as("windows"),
                        WindowMonitor.WINDOWS,
                        WindowMonitor.REFERENCES,
                        WindowMonitor.CLOCK)
                .to(
                        (key, emitted, context) -> emitted.topic(),
                        Produced.with(Serdes.String(), MonitorSerdes.emitted()).withName("to-metrics-and-alerts"));
        return builder.build();
    }

    /**
     * Events usually carry the toxicity of input and output (the default policy scores both); what a policy did not
     * score is scored here, so that every answer and every input has a score, blocked or passed.
     */
    private static Completion scored(Completion c, TextScorer toxicity) {
        if (toxicity == null) {
            return c;
        }
        Completion scored = c;
        if (scored.outputToxicity() == null && !scored.output().isBlank()) {
            scored = scored.withOutputToxicity(toxicity.score(scored.output()));
        }
        if (scored.inputToxicity() == null && !scored.input().isBlank()) {
            scored = scored.withInputToxicity(toxicity.score(scored.input()));
        }
        return scored;
    }

    private static Completion embedded(Completion c, TextEmbedder embedder, DriftSettings drift, Bucket budget) {
        if (embedder == null
                || c.input().isBlank()
                || !Sampling.picks(c.id(), drift.semanticSample())
                || !(budget == null || budget.tryConsume(1))) {
            return c;
        }
        return c.withEmbedding(embedder.embed(c.input()));
    }

    /**
     * At most {@code perSecond} embeddings a second in this process (null: no limit). MiniLM takes ~5 ms a text on
     * one core, so embedding every input would cap the monitors near 200 events a second; a drift verdict needs only
     * a sample (the replay in docs/benchmarks.md: 50 inputs a window catch a topic shift), so past the budget inputs
     * are counted by every other monitor but not embedded.
     */
    private static Bucket embeddingBudget(int perSecond) {
        return perSecond <= 0
                ? null
                : Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(perSecond)
                                .refillGreedy(perSecond, Duration.ofSeconds(1))
                                .build())
                        .build();
    }

    private static int dimensions(TextEmbedder embedder) {
        return embedder.embed("dimension probe").length;
    }
}

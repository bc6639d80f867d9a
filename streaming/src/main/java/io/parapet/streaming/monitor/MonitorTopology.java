package io.parapet.streaming.monitor;

import io.micronaut.core.annotation.Nullable;
import io.parapet.core.events.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The monitors as one Kafka Streams topology:
 *
 * <pre>
 * parapet.chat.completions ─ decode (event time) ─┬─ unreadable ───────────────────────────────► parapet.dlq
 *                                                 └─ score toxicity if missing ─ by subject ─┬─ 1m windows ─┐
 *                                                                                            ├─ 5m windows ─┼─► parapet.monitor.metrics
 *                                                                                            └─ 1h windows ─┴─► parapet.alerts (rules)
 * </pre>
 *
 * Each window's aggregate lives in a state store with a changelog, and is emitted once, when the window closes
 * (end + grace); events later than that are dropped by Kafka Streams and counted in its dropped-records metric.
 */
public final class MonitorTopology {
    private MonitorTopology() {}

    public static Topology build(MonitorSettings settings, @Nullable TextScorer toxicity) {
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

        KGroupedStream<String, Completion> bySubject = decoded.filter(
                        (k, out) -> out.completion() != null, Named.as("readable"))
                .mapValues(out -> scored(out.completion(), toxicity), Named.as("score-toxicity"))
                // The texts were needed only to score; they would be written again to the repartition topic.
                .mapValues(Completion::withoutTexts, Named.as("drop-texts"))
                .selectKey((k, c) -> c.subject(), Named.as("by-subject"))
                .groupByKey(Grouped.with("subject", Serdes.String(), MonitorSerdes.completion()));

        for (Duration size : settings.windows()) {
            String window = MonitorSettings.label(size);
            KStream<String, WindowResult> closed = bySubject
                    .windowedBy(TimeWindows.ofSizeAndGrace(size, settings.grace()))
                    .aggregate(
                            WindowStats::new,
                            (subject, completion, stats) -> stats.add(completion, settings.toxicScore()),
                            Named.as("aggregate-" + window),
                            Materialized.<String, WindowStats, WindowStore<Bytes, byte[]>>as("stats-" + window)
                                    .withKeySerde(Serdes.String())
                                    .withValueSerde(MonitorSerdes.stats()))
                    .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                            .withName("closed-" + window))
                    .toStream(Named.as("windows-" + window))
                    .map(
                            (w, stats) -> KeyValue.pair(
                                    w.key(),
                                    new WindowResult(
                                            w.key(),
                                            window,
                                            Instant.ofEpochMilli(w.window().start()),
                                            Instant.ofEpochMilli(w.window().end()),
                                            stats)),
                            Named.as("result-" + window));
            closed.mapValues(WindowResult::toJson, Named.as("metrics-" + window))
                    .to(
                            MonitorTopics.METRICS,
                            Produced.with(Serdes.String(), Serdes.String()).withName("to-metrics-" + window));
            closed.flatMap((subject, result) -> alerts(result, settings), Named.as("rules-" + window))
                    .to(
                            MonitorTopics.ALERTS,
                            Produced.with(Serdes.String(), Serdes.String()).withName("to-alerts-" + window));
        }
        return builder.build();
    }

    private static List<KeyValue<String, String>> alerts(WindowResult result, MonitorSettings settings) {
        return AlertRules.evaluate(result, settings).stream()
                .map(a -> KeyValue.pair(a.id(), a.toJson()))
                .toList();
    }

    /** Events usually carry the output's toxicity (the default policy scores it); the others are scored here. */
    private static Completion scored(Completion c, TextScorer toxicity) {
        if (c.outputToxicity() != null || toxicity == null || c.output().isBlank()) {
            return c;
        }
        return c.withOutputToxicity(toxicity.score(c.output()));
    }
}

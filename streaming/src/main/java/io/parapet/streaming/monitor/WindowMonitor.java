package io.parapet.streaming.monitor;

import io.micronaut.core.annotation.Nullable;
import io.parapet.streaming.monitor.drift.DriftProfile;
import io.parapet.streaming.monitor.drift.DriftRules;
import io.parapet.streaming.monitor.drift.DriftScore;
import io.parapet.streaming.monitor.drift.DriftSettings;
import io.parapet.streaming.monitor.drift.KernelFeatures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tumbling windows per subject, closed on event time and, when traffic stops, on the wall clock; each closed window
 * is emitted once to {@code parapet.monitor.metrics}, with the alerts its figures and drift call for.
 *
 * <p>Why not the DSL's {@code windowedBy(…).suppress(untilWindowCloses)}: it closes a window only when a later
 * event advances stream time, so the last window before a quiet spell waited for the next request, minutes or hours.
 * Here a punctuator also closes windows once their end plus grace has passed on the wall clock <em>and</em> this
 * task has had no record for a second. The second condition keeps a backlog (a restart after an outage) on event
 * time: its records keep arriving, so its windows close as stream time reaches them, with every event counted.
 *
 * <p>State: one entry per open window ({@code monitor-windows}, changelogged), the drift reference per subject
 * ({@code monitor-references}), and the watermark windows were closed at ({@code monitor-clock}), so that an event
 * for an already emitted window is dropped as late even after a restart, not emitted a second time.
 */
final class WindowMonitor implements Processor<String, Completion, String, Emitted> {
    static final String WINDOWS = "monitor-windows";
    static final String REFERENCES = "monitor-references";
    static final String CLOCK = "monitor-clock";
    /** The global store of per-prompt thresholds, from the compacted {@code parapet.monitor.settings}. */
    static final String SETTINGS = "monitor-settings";

    private static final Logger LOG = LoggerFactory.getLogger(WindowMonitor.class);
    private static final String WATERMARK = "watermark";
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final long IDLE_MS = 1_000;

    private final MonitorSettings settings;
    private final DriftSettings drift;
    private final KernelFeatures kernel;
    private final Set<String> completeReferences = new HashSet<>();
    private ProcessorContext<String, Emitted> context;
    private KeyValueStore<String, WindowState> windows;
    private KeyValueStore<String, DriftProfile> references;
    private KeyValueStore<String, Long> clock;
    // The DSL keeps a global table's values with their timestamps.
    private TimestampedKeyValueStore<String, String> overrides;
    /** The latest event time seen, or wall-clock time windows were closed at: a window closing by then is over. */
    private long watermark;

    private long nextDue = Long.MIN_VALUE;
    private long startedAt;
    private long lastRecordAt;

    WindowMonitor(MonitorSettings settings, DriftSettings drift, @Nullable KernelFeatures kernel) {
        this.settings = settings;
        this.drift = drift;
        this.kernel = kernel;
    }

    @Override
    public void init(ProcessorContext<String, Emitted> context) {
        this.context = context;
        windows = context.getStateStore(WINDOWS);
        references = context.getStateStore(REFERENCES);
        clock = context.getStateStore(CLOCK);
        overrides = context.getStateStore(SETTINGS);
        Long saved = clock.get(WATERMARK);
        watermark = saved == null ? Long.MIN_VALUE : saved;
        startedAt = context.currentSystemTimeMs();
        lastRecordAt = startedAt;
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<String, Completion> record) {
        lastRecordAt = context.currentSystemTimeMs();
        Completion c = record.value();
        double[] features = kernel == null || c.embedding() == null ? null : kernel.map(c.embedding());
        if (drift.enabled()) {
            addToReference(c, features);
        }
        // Event time, tracked here rather than read from the task: a task's stream time also counts records of
        // other topics it reads (TopologyTestDriver runs the whole topology as one task).
        long t = c.time().toEpochMilli();
        watermark = Math.max(watermark, t);
        for (Duration size : settings.windows()) {
            long start = t - Math.floorMod(t, size.toMillis());
            long closes = start + size.toMillis() + settings.grace().toMillis();
            if (closes <= watermark) {
                LOG.debug("dropped a late event of {} for the closed window from {}", c.subject(), start);
                continue;
            }
            String key = key(size, start, c.subject());
            WindowState state = windows.get(key);
            windows.put(
                    key,
                    (state == null ? new WindowState(drift.enabled()) : state).add(c, settings.toxicScore(), features));
            if (state == null && nextDue != Long.MIN_VALUE) {
                nextDue = Math.min(nextDue, closes);
            }
        }
        if (closeDue(watermark) > 0) {
            clock.put(WATERMARK, watermark);
        }
    }

    private void onWallClock(long now) {
        boolean caughtUp = now - lastRecordAt >= IDLE_MS
                && now - startedAt >= settings.grace().toMillis();
        if (caughtUp && closeDue(now) > 0) {
            watermark = Math.max(watermark, now);
            clock.put(WATERMARK, watermark);
        }
    }

    /** Emits and forgets every window whose end plus grace is at or before {@code now}; returns how many. */
    private int closeDue(long now) {
        if (nextDue != Long.MIN_VALUE && now < nextDue) {
            return 0;
        }
        long next = Long.MAX_VALUE;
        List<KeyValue<String, WindowState>> due = new ArrayList<>();
        try (KeyValueIterator<String, WindowState> all = windows.all()) {
            while (all.hasNext()) {
                KeyValue<String, WindowState> entry = all.next();
                long closes = closesAt(entry.key);
                if (closes <= now) {
                    due.add(entry);
                } else {
                    next = Math.min(next, closes);
                }
            }
        }
        nextDue = next;
        for (KeyValue<String, WindowState> entry : due) {
            emit(entry.key, entry.value);
            windows.delete(entry.key);
        }
        return due.size();
    }

    private void emit(String key, WindowState state) {
        String[] parts = key.split("\\|", 3);
        Duration size = Duration.ofMillis(Long.parseLong(parts[0]));
        long start = Long.parseLong(parts[1]);
        String subject = parts[2];
        MonitorOverrides own = overridesOf(subject);
        List<DriftScore> scores = List.of();
        DriftProfile reference = references.get(subject);
        Long since = own.referenceSinceMillis();
        if (reference != null && since != null && reference.firstEventAt() < since) {
            // The reference was pinned to a later start: this one goes, the next events after it make the new one.
            references.delete(subject);
            completeReferences.remove(subject);
            reference = null;
        }
        if (state.drift() != null && reference != null && reference.count() >= drift.referenceSize()) {
            scores = DriftRules.compare(state.drift(), reference, drift);
        }
        WindowResult result = new WindowResult(
                subject,
                MonitorSettings.label(size),
                Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(start + size.toMillis()),
                state.stats(),
                scores);
        long time = start + size.toMillis();
        context.forward(new Record<>(subject, new Emitted(MonitorTopics.METRICS, result.toJson()), time));
        for (Alert alert : AlertRules.evaluate(result, own.applyTo(settings), own.driftAlerts())) {
            context.forward(new Record<>(alert.id(), new Emitted(MonitorTopics.ALERTS, alert.toJson()), time));
        }
    }

    /** A version's first {@code referenceSize} events are its drift reference. */
    private void addToReference(Completion c, @Nullable double[] features) {
        if (completeReferences.contains(c.subject())) {
            return;
        }
        DriftProfile reference = references.get(c.subject());
        if (reference == null) {
            Long since = overridesOf(c.subject()).referenceSinceMillis();
            if (since != null && c.time().toEpochMilli() < since) {
                return; // before the pinned start of the reference
            }
            reference = new DriftProfile();
        }
        if (reference.count() >= drift.referenceSize()) {
            completeReferences.add(c.subject());
            return;
        }
        references.put(c.subject(), reference.add(c, features));
    }

    private MonitorOverrides overridesOf(String subject) {
        ValueAndTimestamp<String> setting = overrides.get(settingsKey(subject));
        return MonitorOverrides.fromEvent(setting == null ? null : setting.value());
    }

    /** Settings are kept per prompt ({@code support/bot} for {@code support/bot#3}) or per {@code model:<name>}. */
    static String settingsKey(String subject) {
        String prompt = Completion.promptOf(subject);
        return prompt == null ? subject : prompt;
    }

    private static String key(Duration size, long start, String subject) {
        return size.toMillis() + "|" + start + "|" + subject;
    }

    private long closesAt(String key) {
        int first = key.indexOf('|');
        int second = key.indexOf('|', first + 1);
        long size = Long.parseLong(key, 0, first, 10);
        long start = Long.parseLong(key, first + 1, second, 10);
        return start + size + settings.grace().toMillis();
    }
}

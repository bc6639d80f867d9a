package io.parapet.streaming.monitor;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Lets each completion event through once. The relay publishes at least once, so an event can arrive twice (a
 * round whose database commit failed after Kafka acknowledged it is sent again); counted twice, it would inflate its
 * window's figures and alerts. Seen event ids are kept by event time for as long as any window could still take the
 * event (the longest window plus the grace): a copy older than that is late for every window anyway.
 */
final class Deduplicate extends ContextualProcessor<String, Completion, String, Completion> {
    static final String SEEN = "seen-event-ids";

    private WindowStore<String, Long> seen;

    /** The store of seen ids, kept for {@code horizon} of stream time. */
    static StoreBuilder<WindowStore<String, Long>> store(Duration horizon) {
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SEEN, horizon, Duration.ofMillis(1), false),
                Serdes.String(),
                Serdes.Long());
    }

    /** How long a copy can still matter: the longest window plus the grace for late events. */
    static Duration horizon(MonitorSettings settings) {
        Duration longest = settings.windows().stream().max(Duration::compareTo).orElse(Duration.ZERO);
        return longest.plus(settings.grace());
    }

    @Override
    public void init(ProcessorContext<String, Completion> context) {
        super.init(context);
        seen = context.getStateStore(SEEN);
    }

    @Override
    public void process(Record<String, Completion> record) {
        Completion c = record.value();
        long time = c.time().toEpochMilli();
        // A copy carries the same id and the same event time, so one exact lookup finds it.
        if (seen.fetch(c.id(), time) != null) {
            return;
        }
        seen.put(c.id(), time, time);
        context().forward(record);
    }
}

package io.parapet.streaming.monitor;

import io.parapet.streaming.monitor.drift.DriftProfile;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes of the monitors' internal records: window state and drift references (binary, because every event
 * rewrites its windows' state), and what the window monitor emits. They are internal: a format change needs a new
 * application id, not a schema version.
 */
final class MonitorSerdes {
    private MonitorSerdes() {}

    static Serde<WindowState> windowState() {
        return of(WindowState::toBytes, WindowState::fromBytes);
    }

    static Serde<DriftProfile> driftProfile() {
        return of(DriftProfile::toBytes, DriftProfile::fromBytes);
    }

    /** Only written: the JSON goes to the topic the record names. */
    static Serde<Emitted> emitted() {
        return of(e -> e.json().getBytes(StandardCharsets.UTF_8), bytes -> {
            throw new UnsupportedOperationException("the monitors never read their own output");
        });
    }

    private static <T> Serde<T> of(Function<T, byte[]> write, Function<byte[], T> read) {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : write.apply(value),
                (topic, bytes) -> bytes == null ? null : read.apply(bytes));
    }
}

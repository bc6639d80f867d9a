package io.parapet.core;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** One clock for the whole platform; tests replace it to control time. */
@Factory
class ClockFactory {
    /** Microsecond ticks: what PostgreSQL stores, so a returned timestamp equals the one read back later. */
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}

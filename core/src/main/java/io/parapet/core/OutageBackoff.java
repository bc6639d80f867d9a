package io.parapet.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Paces calls to a dependency that just failed, such as the database: while it is down, one caller per interval may
 * try it again and the others should use what they already have. Without it every caller pays the failure's full
 * wait (a pool's connection timeout is 5 s), once per lookup.
 */
public final class OutageBackoff {
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong nextTryNanos = new AtomicLong();
    private volatile boolean down;

    public OutageBackoff(Duration interval) {
        this(interval, System::nanoTime);
    }

    OutageBackoff(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Always true while the dependency is up; while down, true for one caller per interval. */
    public boolean mayTry() {
        if (!down) {
            return true;
        }
        long now = nanoTime.getAsLong();
        long due = nextTryNanos.get();
        return now - due >= 0 && nextTryNanos.compareAndSet(due, now + intervalNanos);
    }

    /** A call failed because the dependency could not be reached. */
    public void failed() {
        nextTryNanos.set(nanoTime.getAsLong() + intervalNanos);
        down = true;
    }

    /** A call went through. */
    public void succeeded() {
        down = false;
    }

    public boolean isDown() {
        return down;
    }
}

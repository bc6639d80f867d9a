package io.parapet.core;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background loop that does one pass, waits, and does the next, on a virtual thread, until {@link #stop()}. Work
 * that lives in the database (schedules, rollouts) is polled this way in every instance; a pass that throws is
 * logged and the loop goes on.
 */
public final class PollingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(PollingLoop.class);

    private final String name;
    private final Supplier<Duration> interval;
    private final Runnable pass;
    private Thread thread;

    /** {@code interval} is read before each wait, so a setting can change it. */
    public PollingLoop(String name, Supplier<Duration> interval, Runnable pass) {
        this.name = name;
        this.interval = interval;
        this.pass = pass;
    }

    /** Starts the loop unless it runs already. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Thread.ofVirtual().name(name).start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    pass.run();
                } catch (RuntimeException e) {
                    LOG.warn("{}: a pass failed: {}", name, e.toString());
                }
                LockSupport.parkNanos(interval.get().toNanos());
            }
        });
    }

    /** Interrupts the loop and waits up to five seconds for its pass to end. */
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

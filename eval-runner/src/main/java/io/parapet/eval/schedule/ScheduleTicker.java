package io.parapet.eval.schedule;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.parapet.core.ParapetException;
import io.parapet.core.PollingLoop;
import io.parapet.core.SecureTokens;
import io.parapet.eval.run.RunConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns schedules' ticks into runs in every process that runs evaluations. Each server looks every
 * {@code parapet.eval.runner.poll}; the claim row makes each tick start at most one run across all of them. A tick
 * found more than a minute late was missed (no runner was up): with {@code catchUp: skip} it is recorded as skipped,
 * with {@code run-once} the latest missed tick runs and the count of the others is noted on it.
 */
@Singleton
@Requires(property = "parapet.eval.runner.enabled", notEquals = "false")
public class ScheduleTicker implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleTicker.class);
    static final Duration LATE = Duration.ofMinutes(1);

    private final ScheduleRepository schedules;
    private final ScheduleTicks ticks;
    private final RunConfig config;
    private final Clock clock;
    private final String owner = "ticker-" + SecureTokens.urlSafe(6);
    private final PollingLoop loop;

    ScheduleTicker(ScheduleRepository schedules, ScheduleTicks ticks, RunConfig config, Clock clock) {
        this.schedules = schedules;
        this.ticks = ticks;
        this.config = config;
        this.clock = clock;
        this.loop = new PollingLoop("eval-schedules", config::poll, this::tickAll);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    /** Starts looking at schedules (once); the worker role, which has no HTTP server, calls it itself. */
    public void start() {
        loop.start();
    }

    private void tickAll() {
        try {
            schedules.findByEnabledTrue().forEach(this::tick);
        } catch (RuntimeException e) {
            LOG.warn("looking at evaluation schedules failed: {}", e.toString());
        }
    }

    private void tick(ScheduleEntity s) {
        Instant now = clock.instant();
        Instant last = schedules.lastTick(s.id()).orElse(s.createdAt());
        Instant due = null;
        int missed = 0;
        for (Optional<Instant> next = ScheduleService.next(s.cron(), last);
                next.isPresent() && !next.get().isAfter(now) && missed < 100_000;
                next = ScheduleService.next(s.cron(), next.get())) {
            if (due != null) {
                missed++;
            }
            due = next.get();
        }
        if (due == null || !ticks.claim(s, due, owner)) {
            return;
        }
        boolean late = Duration.between(due, now).compareTo(LATE) > 0;
        String note = missed == 0 ? null : missed + " earlier missed tick(s) not run";
        if (late && s.catchUp().equals("skip")) {
            ticks.skip(
                    s,
                    due,
                    "missed by " + Duration.between(due, now).toSeconds() + " s while no runner was up"
                            + (note == null ? "" : "; " + note) + " (catchUp: skip)");
            return;
        }
        try {
            ticks.start(s, due, note);
        } catch (RuntimeException e) {
            // The claim stands (the tick is not retried every poll); the reason is on it.
            ticks.failed(s, due, "could not start: " + (e instanceof ParapetException ? e.getMessage() : e.toString()));
        }
    }

    @PreDestroy
    void stop() {
        loop.stop();
    }
}

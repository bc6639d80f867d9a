package io.parapet.deployer.rollout;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.parapet.core.ParapetException;
import io.parapet.core.PollingLoop;
import io.parapet.core.Problem;
import io.parapet.registry.LabelSplit;
import io.parapet.streaming.alerts.Alerts;
import io.parapet.streaming.alerts.MonitorAlert;
import io.parapet.streaming.monitor.Alert;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automatic half of rollouts: every {@code parapet.rollouts.interval} (1 s), for each progressing rollout, an
 * unresolved alert of a watched monitor on the canary version rolls it back; a step that lasted its minimum duration
 * and saw its minimum samples with no such alert advances. Everything it reads and writes is in the database, so a
 * restarted server (or any other instance) carries on where the last one stopped, and two instances looking at once
 * act once (the loser's compare-and-set fails).
 *
 * <p>A rollback also raises a {@code rollout-rollback} alert on the canary, so the alert webhooks tell people.
 */
@Singleton
@Requires(property = "parapet.rollouts.enabled", notEquals = "false")
public class RolloutDriver implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutDriver.class);

    private final Rollouts rollouts;
    private final Alerts alerts;
    private final Clock clock;
    private final PollingLoop loop;

    RolloutDriver(
            Rollouts rollouts,
            Alerts alerts,
            Clock clock,
            @Value("${parapet.rollouts.interval:1s}") Duration interval) {
        this.rollouts = rollouts;
        this.alerts = alerts;
        this.clock = clock;
        this.loop = new PollingLoop("rollouts", () -> interval, this::checkAll);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    /** Starts looking at rollouts (once); the worker role, which has no HTTP server, calls it itself. */
    public void start() {
        loop.start();
    }

    /** One look at every progressing rollout; public so tests and benchmarks can drive it without waiting. */
    public void checkAll() {
        List<Rollout> running;
        try {
            running = rollouts.progressing();
        } catch (RuntimeException e) {
            LOG.warn("looking at rollouts failed: {}", e.toString());
            return;
        }
        for (Rollout r : running) {
            try {
                check(r);
            } catch (ParapetException e) {
                if (e.problem() != Problem.CONFLICT) {
                    LOG.warn("rollout {}: {}", r.id(), e.getMessage());
                }
                // a conflict: someone (a publisher, another instance) acted first; the next look sees their result
            } catch (RuntimeException e) {
                LOG.warn("rollout {} could not be checked: {}", r.id(), e.toString());
            }
        }
    }

    private void check(Rollout r) {
        Optional<String> superseded = superseded(r);
        if (superseded.isPresent()) {
            rollouts.superseded(r.id(), r.revision(), superseded.get());
            return;
        }
        Optional<MonitorAlert> alert = alerts.unresolvedOn(r.canarySubject(), r.createdAt()).stream()
                .filter(a ->
                        r.watch().stream().map(w -> Watch.of(w).orElseThrow()).anyMatch(w -> w.raised(a.monitor())))
                .findFirst();
        if (alert.isPresent()) {
            MonitorAlert a = alert.get();
            String why = "alert " + a.id() + " (" + a.monitor() + "): " + a.message();
            rollouts.rollBack(r.id(), r.revision(), why);
            LOG.warn(
                    "rollout {} of {}@{} rolled back to version {}: {}",
                    r.id(),
                    r.prompt(),
                    r.label(),
                    r.stableVersion(),
                    why);
            announce(r, a);
            return;
        }
        Rollout.Step step = r.steps().get(r.step());
        Instant now = clock.instant();
        if (Duration.between(r.stepStartedAt(), now).toSeconds() < step.minDurationSeconds()) {
            return;
        }
        long samples = step.minSamples() == 0 ? 0 : alerts.samplesSince(r.canarySubject(), r.stepStartedAt());
        if (samples < step.minSamples()) {
            return;
        }
        String analysis = "analysis passed: " + samples + " samples, no alert on " + r.canarySubject();
        try {
            rollouts.stepPassed(r.id(), r.revision(), analysis);
        } catch (ParapetException refused) {
            if (refused.problem() == Problem.CONFLICT) {
                throw refused;
            }
            rollouts.pause(r.id(), r.revision(), refused.getMessage()); // the final move's gate said no
        }
    }

    /** Someone moved the label or changed its split by hand since the rollout set it. */
    private Optional<String> superseded(Rollout r) {
        Optional<LabelSplit> split = rollouts.splitOf(r);
        if (split.isEmpty()) {
            return Optional.of(r.prompt() + "@" + r.label() + " was moved or its split ended by hand");
        }
        boolean same =
                split.get().stableVersion() == r.stableVersion() && split.get().canaryVersion() == r.canaryVersion();
        return same ? Optional.empty() : Optional.of("the split of " + r.prompt() + "@" + r.label() + " was changed");
    }

    private void announce(Rollout r, MonitorAlert cause) {
        Instant now = clock.instant();
        try {
            alerts.raise(new Alert(
                    "rollout-rollback|" + r.id(),
                    "rollout-rollback",
                    r.canarySubject(),
                    cause.window(),
                    cause.windowStart(),
                    cause.windowEnd(),
                    cause.value(),
                    cause.threshold(),
                    cause.samples(),
                    "rollout " + r.id() + " of " + r.prompt() + "@" + r.label() + " rolled back from version "
                            + r.canaryVersion() + " to " + r.stableVersion() + " at " + now + " because of alert "
                            + cause.id() + " (" + cause.monitor() + ")"));
        } catch (RuntimeException e) {
            // The rollback itself is done and audited; only the notification is lost.
            LOG.warn("rollout {}: could not raise the rollback alert: {}", r.id(), e.toString());
        }
    }

    @PreDestroy
    void stop() {
        loop.stop();
    }
}

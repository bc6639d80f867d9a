package io.parapet.eval.schedule;

import io.micronaut.context.BeanProvider;
import io.micronaut.runtime.event.annotation.EventListener;
import io.parapet.core.ParapetException;
import io.parapet.eval.run.EvalRun;
import io.parapet.eval.run.RunComparer;
import io.parapet.eval.run.RunComparison;
import io.parapet.eval.run.RunFinished;
import io.parapet.eval.run.RunService;
import io.parapet.eval.spi.EvalAlerts;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a scheduled run finishes: an alert when its pass rate is under the schedule's threshold, and another when it
 * is significantly worse than the schedule's previous run on the same dataset version.
 */
@Singleton
class ScheduleAlerts {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleAlerts.class);
    private final ScheduleRepository schedules;
    private final RunService runs;
    private final RunComparer comparer;
    private final BeanProvider<EvalAlerts> alerts;

    ScheduleAlerts(
            ScheduleRepository schedules, RunService runs, RunComparer comparer, BeanProvider<EvalAlerts> alerts) {
        this.schedules = schedules;
        this.runs = runs;
        this.comparer = comparer;
        this.alerts = alerts;
    }

    @EventListener
    void onFinished(RunFinished finished) {
        EvalRun run = finished.run();
        Optional<ScheduleEntity> schedule = schedules.scheduleOfRun(run.id()).flatMap(schedules::findById);
        if (schedule.isEmpty() || !alerts.isPresent()) {
            return;
        }
        ScheduleEntity s = schedule.get();
        String subject = run.prompt() + "#" + run.promptVersion();
        double rate = run.progress().total() == 0
                ? 0
                : (double) run.progress().passed() / run.progress().total();
        if (rate < s.minPassRate()) {
            alerts.get()
                    .raise(
                            "eval:threshold|" + s.name() + "|" + run.id(),
                            "eval:threshold",
                            subject,
                            run.startedAt(),
                            run.finishedAt(),
                            rate,
                            s.minPassRate(),
                            run.progress().total(),
                            String.format(
                                    "scheduled evaluation '%s': run %d of %s passed %.1f %% of %d answers, under the"
                                            + " threshold of %.1f %%",
                                    s.name(),
                                    run.id(),
                                    subject,
                                    rate * 100,
                                    run.progress().total(),
                                    s.minPassRate() * 100));
        }
        Optional<Long> previous = schedules.previousRun(s.id(), run.id());
        if (previous.isEmpty()) {
            return;
        }
        try {
            RunComparison c = comparer.compare(previous.get(), run.id());
            if (c.verdict().equals("worse")) {
                alerts.get()
                        .raise(
                                "eval:regression|" + s.name() + "|" + run.id(),
                                "eval:regression",
                                subject,
                                run.startedAt(),
                                run.finishedAt(),
                                c.passRateB(),
                                c.passRateA(),
                                c.items(),
                                String.format(
                                        "scheduled evaluation '%s': run %d of %s is significantly worse than run %d"
                                                + " (%d items regressed; McNemar p=%.4f)",
                                        s.name(), run.id(), subject, previous.get(), c.regressed(), c.passPValue()));
            }
        } catch (ParapetException e) {
            // A new dataset version, or a previous run still going: nothing to compare with.
            LOG.info(
                    "schedule {}: run {} not compared with run {}: {}",
                    s.name(),
                    run.id(),
                    previous.get(),
                    e.getMessage());
        }
    }
}

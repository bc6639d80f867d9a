package io.parapet.eval.schedule;

import io.parapet.core.Actor;
import io.parapet.core.Json;
import io.parapet.core.Role;
import io.parapet.eval.run.EvalRun;
import io.parapet.eval.run.RunService;
import io.parapet.eval.run.RunSpec;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * One tick of one schedule, in steps that each commit: the claim (the row whose insert only one server wins), then
 * the run, then the tick's outcome. A failure to start (the label was deleted) is recorded on the tick, not retried
 * every second.
 */
@Singleton
class ScheduleTicks {
    private final ScheduleRepository schedules;
    private final RunService runs;
    private final Clock clock;

    ScheduleTicks(ScheduleRepository schedules, RunService runs, Clock clock) {
        this.schedules = schedules;
        this.runs = runs;
        this.clock = clock;
    }

    @Transactional
    boolean claim(ScheduleEntity s, Instant tick, String owner) {
        return schedules.claim(s.id(), tick, "starting", null, null, owner, clock.instant()) == 1;
    }

    @Transactional
    void skip(ScheduleEntity s, Instant tick, String reason) {
        schedules.settle(s.id(), tick, "skipped", reason, null);
    }

    /** Starts the tick's run unless the previous one is still going; records what happened. */
    @Transactional
    void start(ScheduleEntity s, Instant tick, String note) {
        Optional<Long> previous = schedules.previousRun(s.id(), -1);
        if (previous.isPresent()) {
            EvalRun last = runs.get(previous.get());
            if (List.of("queued", "running").contains(last.status())) {
                schedules.settle(
                        s.id(),
                        tick,
                        "skipped",
                        "run " + last.id() + " of an earlier tick is still " + last.status(),
                        null);
                return;
            }
        }
        RunSpec spec = new RunSpec(
                s.prompt(),
                s.dataset(),
                Json.mapper().convertValue(Json.read(s.evaluators()), ScheduleService.SPECS),
                null,
                1,
                s.concurrency(),
                null,
                null);
        EvalRun run = runs.create(spec, new Actor("schedule:" + s.name(), EnumSet.of(Role.EDITOR, Role.VIEWER)));
        schedules.settle(s.id(), tick, "started", note, run.id());
    }

    @Transactional
    void failed(ScheduleEntity s, Instant tick, String reason) {
        schedules.settle(s.id(), tick, "failed", reason, null);
    }
}

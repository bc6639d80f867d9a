package io.parapet.eval.schedule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.eval.run.RunSpec;
import java.util.List;

/**
 * A scheduled evaluation: at each tick of {@code cron} (five fields, UTC), the prompt label is evaluated on the
 * dataset. A run under {@code minPassRate}, or significantly worse than the schedule's previous run, raises an alert.
 *
 * @param prompt a label reference, {@code name@label}, resolved at each tick
 * @param catchUp after downtime: {@code skip} the missed ticks, or {@code run-once} for the latest of them
 */
@Serdeable
public record ScheduleSpec(
        String prompt,
        String dataset,
        List<RunSpec.EvaluatorSpec> evaluators,
        String cron,
        @Nullable Double minPassRate,
        @Nullable String catchUp,
        @Nullable Integer concurrency,
        @Nullable Boolean enabled) {}

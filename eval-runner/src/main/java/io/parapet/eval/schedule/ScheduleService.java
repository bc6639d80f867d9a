package io.parapet.eval.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.core.type.TypeReference;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.parapet.core.Actor;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.core.audit.AuditLog;
import io.parapet.eval.EvaluatorCatalog;
import io.parapet.eval.dataset.DatasetService;
import io.parapet.eval.run.Evaluators;
import io.parapet.eval.run.RunSpec;
import io.parapet.registry.Names;
import io.parapet.registry.VersionRef;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Scheduled evaluations: made, changed, listed and removed by editors, every change audited. */
@Singleton
public class ScheduleService {
    static final TypeReference<List<RunSpec.EvaluatorSpec>> SPECS = new TypeReference<>() {};
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final ScheduleRepository schedules;
    private final DatasetService datasets;
    private final EvaluatorCatalog catalog;
    private final JdbcOperations jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final io.parapet.registry.PromptCache prompts;

    ScheduleService(
            ScheduleRepository schedules,
            DatasetService datasets,
            EvaluatorCatalog catalog,
            JdbcOperations jdbc,
            AuditLog audit,
            Clock clock,
            io.parapet.registry.PromptCache prompts) {
        this.prompts = prompts;
        this.schedules = schedules;
        this.datasets = datasets;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates or replaces the schedule {@code name}. */
    @Transactional
    public Schedule put(String name, ScheduleSpec spec, Actor actor) {
        actor.require(Role.EDITOR, "schedule evaluations");
        Names.checkPrompt(name, "name");
        if (spec == null) {
            throw ParapetException.invalid("a schedule needs a body: {prompt, dataset, evaluators, cron}");
        }
        cron(spec.cron());
        VersionRef prompt = VersionRef.parse(spec.prompt(), "prompt");
        if (prompt.label() == null) {
            throw ParapetException.invalidField(
                    "prompt", "a schedule follows a label: name@label, not a fixed version");
        }
        datasets.openRef(spec.dataset(), "dataset");
        Evaluators.check(catalog, spec.evaluators(), prompts);
        double minPassRate = spec.minPassRate() == null ? 1 : spec.minPassRate();
        if (!(minPassRate >= 0 && minPassRate <= 1)) {
            throw ParapetException.invalidField("minPassRate", "must be 0..1, not " + minPassRate);
        }
        String catchUp = spec.catchUp() == null ? "skip" : spec.catchUp();
        if (!List.of("skip", "run-once").contains(catchUp)) {
            throw ParapetException.invalidField("catchUp", "must be skip or run-once, not '" + catchUp + "'");
        }
        int concurrency = spec.concurrency() == null ? 8 : spec.concurrency();
        if (concurrency < 1 || concurrency > 256) {
            throw ParapetException.invalidField("concurrency", "must be 1..256, not " + concurrency);
        }
        Instant now = clock.instant();
        Optional<ScheduleEntity> old = schedules.findByName(name);
        ScheduleEntity row = new ScheduleEntity(
                old.map(ScheduleEntity::id).orElse(null),
                name,
                prompt.toString(),
                spec.dataset(),
                Json.write(spec.evaluators()),
                spec.cron().trim(),
                minPassRate,
                catchUp,
                concurrency,
                spec.enabled() == null || spec.enabled(),
                actor.name(),
                now,
                old.map(ScheduleEntity::createdAt).orElse(now));
        row = old.isPresent() ? schedules.update(row) : schedules.save(row);
        audit.record(
                actor,
                old.isPresent() ? "eval.schedule.update" : "eval.schedule.create",
                "eval-schedule",
                name,
                null,
                null,
                row.prompt() + " on " + row.dataset() + " at '" + row.cron() + "'");
        return view(row);
    }

    @Transactional
    public Schedule get(String name) {
        return view(schedule(name));
    }

    @Transactional
    public List<Schedule> list() {
        return schedules.findAllOrderByName().stream().map(this::view).toList();
    }

    @Transactional
    public void delete(String name, Actor actor) {
        actor.require(Role.EDITOR, "remove scheduled evaluations");
        ScheduleEntity row = schedule(name);
        schedules.delete(row);
        audit.record(actor, "eval.schedule.delete", "eval-schedule", name, null, null, "removed");
    }

    /** Parses a five-field UNIX cron expression; a 400 naming the field when it is not one. */
    static Cron cron(String expression) {
        if (expression == null || expression.isBlank() || expression.length() > 120) {
            throw ParapetException.invalidField("cron", "is required: five fields, e.g. '0 3 * * *' (03:00 UTC daily)");
        }
        try {
            return CRON.parse(expression.trim()).validate();
        } catch (IllegalArgumentException e) {
            throw ParapetException.invalidField(
                    "cron", "'" + expression + "' is not a five-field cron expression: " + e.getMessage());
        }
    }

    static Optional<Instant> next(String cron, Instant after) {
        return ExecutionTime.forCron(cron(cron))
                .nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC))
                .map(ZonedDateTime::toInstant);
    }

    private ScheduleEntity schedule(String name) {
        return schedules
                .findByName(name)
                .orElseThrow(() -> ParapetException.notFound("evaluation schedule '" + name + "' does not exist"));
    }

    private Schedule view(ScheduleEntity s) {
        List<Schedule.Tick> ticks = jdbc.prepareStatement(
                "SELECT tick_at, outcome, reason, run_id FROM eval_schedule_tick WHERE schedule_id = ?"
                        + " ORDER BY tick_at DESC LIMIT 20",
                st -> {
                    st.setLong(1, s.id());
                    List<Schedule.Tick> rows = new ArrayList<>();
                    try (ResultSet r = st.executeQuery()) {
                        while (r.next()) {
                            Long run = r.getLong(4);
                            if (r.wasNull()) {
                                run = null;
                            }
                            rows.add(new Schedule.Tick(
                                    r.getTimestamp(1).toInstant(), r.getString(2), r.getString(3), run));
                        }
                    }
                    return rows;
                });
        return new Schedule(
                s.name(),
                s.prompt(),
                s.dataset(),
                Json.mapper().convertValue(Json.read(s.evaluators()), SPECS),
                s.cron(),
                s.minPassRate(),
                s.catchUp(),
                s.concurrency(),
                s.enabled(),
                s.enabled() ? next(s.cron(), clock.instant()).orElse(null) : null,
                ticks,
                s.updatedBy(),
                s.updatedAt());
    }
}

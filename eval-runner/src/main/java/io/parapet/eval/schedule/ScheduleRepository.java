package io.parapet.eval.schedule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ScheduleRepository extends CrudRepository<ScheduleEntity, Long> {
    Optional<ScheduleEntity> findByName(String name);

    List<ScheduleEntity> findByEnabledTrue();

    List<ScheduleEntity> findAllOrderByName();

    /** The claim of one tick: 1 for the one server that handles it, 0 for every other. */
    @Query("INSERT INTO eval_schedule_tick (schedule_id, tick_at, outcome, reason, run_id, claimed_by, claimed_at)"
            + " VALUES (:scheduleId, :tickAt, :outcome, :reason, :runId, :by, :at) ON CONFLICT DO NOTHING")
    int claim(
            long scheduleId,
            Instant tickAt,
            String outcome,
            @Nullable String reason,
            @Nullable Long runId,
            String by,
            Instant at);

    @Query("UPDATE eval_schedule_tick SET outcome = :outcome, reason = :reason, run_id = :runId"
            + " WHERE schedule_id = :scheduleId AND tick_at = :tickAt")
    void settle(long scheduleId, Instant tickAt, String outcome, @Nullable String reason, @Nullable Long runId);

    @Query("SELECT MAX(tick_at) FROM eval_schedule_tick WHERE schedule_id = :scheduleId")
    Optional<Instant> lastTick(long scheduleId);

    /** The run of the newest tick that started one, other than {@code exceptRun}. */
    @Query("SELECT run_id FROM eval_schedule_tick WHERE schedule_id = :scheduleId AND run_id IS NOT NULL"
            + " AND run_id <> :exceptRun ORDER BY tick_at DESC LIMIT 1")
    Optional<Long> previousRun(long scheduleId, long exceptRun);

    @Query("SELECT schedule_id FROM eval_schedule_tick WHERE run_id = :runId")
    Optional<Long> scheduleOfRun(long runId);
}

package io.parapet.streaming.alerts;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MonitorSettingRepository extends CrudRepository<MonitorSettingEntity, String> {
    /**
     * Makes sure the row exists, without failing when a concurrent writer creates it first (both PostgreSQL and H2
     * in PostgreSQL mode wait for that writer, then do nothing); the caller then updates it under its row lock.
     */
    @Query("INSERT INTO monitor_setting (subject_key, overrides, updated_at, updated_by)"
            + " VALUES (:subjectKey, '{}', :at, :by) ON CONFLICT DO NOTHING")
    void ensure(String subjectKey, Instant at, String by);
}

package io.parapet.eval.schedule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("eval_schedule")
record ScheduleEntity(
        @Id @GeneratedValue @Nullable Long id,
        String name,
        String prompt,
        String dataset,
        String evaluators,
        String cron,
        double minPassRate,
        String catchUp,
        int concurrency,
        boolean enabled,
        String updatedBy,
        Instant updatedAt,
        Instant createdAt) {}

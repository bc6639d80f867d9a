package io.parapet.eval.online;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("eval_online_rule")
record OnlineRuleEntity(
        @Id @GeneratedValue @Nullable Long id,
        String name,
        String prompt,
        String evaluator,
        int perMinute,
        boolean enabled,
        String updatedBy,
        Instant updatedAt,
        Instant createdAt) {}

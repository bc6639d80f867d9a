package io.parapet.eval.gate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("eval_gate")
record GateEntity(
        @Id @GeneratedValue @Nullable Long id,
        String prompt,
        String label,
        String dataset,
        String evaluators,
        double minPassRate,
        int maxAgeMinutes,
        boolean noRegression,
        String updatedBy,
        Instant updatedAt) {}

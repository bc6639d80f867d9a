package io.parapet.streaming.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("monitor_alert")
record AlertEntity(
        @Id @GeneratedValue @Nullable Long id,
        String alertKey,
        String monitor,
        String subject,
        @Nullable String prompt,
        String windowSize,
        Instant windowStart,
        Instant windowEnd,
        double observed,
        double threshold,
        long samples,
        String message,
        String state,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String updatedBy) {}

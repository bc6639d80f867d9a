package io.parapet.core.audit;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** Filters for the audit listing; each null field matches everything. */
public record AuditQuery(
        @Nullable String actor,
        @Nullable String action,
        @Nullable String targetType,
        @Nullable String target,
        @Nullable Instant from,
        @Nullable Instant to) {}

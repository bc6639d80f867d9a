package io.parapet.core.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One mutation: who did what to which target, when, and the content hashes before and after. The table is
 * append-only; the database rejects UPDATE and DELETE on it.
 */
@Serdeable
@MappedEntity("audit_entry")
public record AuditEntry(
        @Id @GeneratedValue @Nullable Long id,
        Instant at,
        String actor,
        String action,
        String targetType,
        String target,
        @Nullable String hashBefore,
        @Nullable String hashAfter,
        @Nullable String detail) {}

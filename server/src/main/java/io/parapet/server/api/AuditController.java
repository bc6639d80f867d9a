package io.parapet.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.audit.AuditEntry;
import io.parapet.core.audit.AuditLog;
import io.parapet.core.audit.AuditQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The audit trail (admin only), newest first. */
@Controller("/api/v1/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("admin")
@Tag(name = "audit")
class AuditController {
    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @Operation(summary = "Audit entries filtered by actor, action, target type, target and time range (ISO-8601)")
    @Get("{?actor,action,targetType,target,from,to,page,size}")
    Page<AuditEntry> list(
            @Nullable String actor,
            @Nullable String action,
            @Nullable String targetType,
            @Nullable String target,
            @Nullable String from,
            @Nullable String to,
            @Nullable Integer page,
            @Nullable Integer size) {
        return audit.find(
                new AuditQuery(actor, action, targetType, target, instant("from", from), instant("to", to)),
                PageRequest.of(page, size));
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ParapetException.invalidField(
                    field, "'" + value + "' is not an ISO-8601 UTC time such as 2026-01-31T12:00:00Z");
        }
    }
}

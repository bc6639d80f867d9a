package io.parapet.registry.bundle;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** What an apply changed, or with {@code dryRun} would change. An empty list means the bundle is in place. */
@Serdeable
public record ApplyResult(boolean dryRun, List<Change> changes) {

    /** One change: {@code action} is an audit action such as {@code prompt.version.create} or {@code label.move}. */
    @Serdeable
    public record Change(String action, String target, String detail) {}
}

package io.parapet.deployer.release;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What changes from release {@code from} to release {@code to}: each prompt, model and policy added, removed or
 * moved to another version, the credential references that differ, and the platform version.
 */
@Serdeable
public record ReleaseDiff(long from, long to, @Nullable Change platform, List<Change> changes) {

    /**
     * One difference.
     *
     * @param kind {@code prompt}, {@code model}, {@code policy}, {@code credential} or {@code platform}
     * @param change {@code added}, {@code removed} or {@code changed}
     * @param before what {@code from} has (a version, a reference), null when added
     * @param after what {@code to} has, null when removed
     */
    @Serdeable
    public record Change(
            String kind,
            String name,
            String change,
            @Nullable String before,
            @Nullable String after) {}
}

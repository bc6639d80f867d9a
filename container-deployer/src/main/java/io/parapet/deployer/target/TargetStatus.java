package io.parapet.deployer.target;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a target sees of a deployment now.
 *
 * @param state {@code ready}, {@code progressing}, {@code failed}, {@code absent}, or {@code rendered} (written for
 *     GitOps; the cluster's state is not known here)
 * @param ready serving replicas (processes for {@code local})
 * @param desired replicas asked for
 * @param endpoint where it answers ({@code http://127.0.0.1:PORT}, a Service's DNS name), when known
 * @param reason why it is not ready, from the target's own signals
 */
@Serdeable
public record TargetStatus(
        String state,
        int ready,
        int desired,
        @Nullable String endpoint,
        @Nullable String reason) {
    public static TargetStatus absent() {
        return new TargetStatus("absent", 0, 0, null, null);
    }

    public boolean isReady() {
        return state.equals("ready");
    }
}

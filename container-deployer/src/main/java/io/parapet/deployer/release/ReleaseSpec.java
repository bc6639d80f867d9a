package io.parapet.deployer.release;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/releases}.
 *
 * @param prompts what the deployment serves: {@code name@label} (resolved now) or {@code name#version}
 * @param credentials for each model that needs one, where the deployment finds it (never the credential itself)
 */
@Serdeable
public record ReleaseSpec(
        List<String> prompts,
        @Nullable Map<String, CredentialRef> credentials,
        @Nullable String description) {}

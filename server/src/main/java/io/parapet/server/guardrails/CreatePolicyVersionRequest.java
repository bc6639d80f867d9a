package io.parapet.server.guardrails;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/guardrails/policies/{name}/versions}, in JSON or YAML: the policy document (see
 * {@link io.parapet.guardrails.PolicyDocument}), a commit message, and labels to move to the new version.
 */
@Serdeable
public record CreatePolicyVersionRequest(
        @Nullable Map<String, Object> policy,
        @Nullable String commitMessage,
        @Nullable List<String> labels,
        @Nullable String description,
        @Nullable List<String> tags) {}

package io.parapet.server.guardrails;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code POST /api/v1/guardrails/scan}. {@code policy} is {@code "default"}, a stored policy version
 * ({@code "name@label"}, {@code "name#3"}) or an inline policy object (see {@link io.parapet.guardrails.PolicyDocument});
 * or, instead, {@code prompt} ({@code "name@label"}, {@code "name#3"}) scans with the policy that prompt version runs
 * under (its attached one, else the default), as the gateway will; {@code direction} is {@code input} (default) or
 * {@code output}, where {@code renderedPrompt} lets leakage checks compare.
 */
@Serdeable
public record ScanRequest(
        @Nullable Object policy,
        @Nullable String prompt,
        @Nullable String direction,
        @Nullable String text,
        @Nullable String renderedPrompt) {}

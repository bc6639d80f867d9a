package io.parapet.server.guardrails;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.guardrails.ScannerOutcome;
import java.util.List;

/**
 * The verdict of a scan: which policy ran ({@code default}, {@code inline} or {@code name#version}), blocked or not
 * (and by which scanner), the sanitized text, every scanner's outcome, and the time taken.
 */
@Serdeable
public record ScanResponse(
        String policy,
        boolean blocked,
        @Nullable String blockedBy,
        String sanitized,
        List<ScannerOutcome> results,
        long micros) {}

package io.parapet.server.guardrails;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.guardrails.ScannerOutcome;
import java.util.List;

/** The verdict of a scan: blocked or not (and by which scanner), the sanitized text, every scanner's outcome. */
@Serdeable
public record ScanResponse(
        boolean blocked, @Nullable String blockedBy, String sanitized, List<ScannerOutcome> results, long micros) {}

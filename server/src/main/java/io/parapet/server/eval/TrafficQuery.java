package io.parapet.server.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Which live completions become dataset items: a time range of {@code parapet.chat.completions}, a prompt (and
 * version), a feedback score range (joined from {@code parapet.feedback} by completion id) and how the guardrails
 * ended the call.
 *
 * @param outcome {@code answered} (finish reason stop), {@code blocked} (input or output blocked), or null for both
 * @param limit the most items taken, oldest first; default 10,000, at most 100,000
 */
@Serdeable
public record TrafficQuery(
        Instant from,
        Instant to,
        String prompt,
        @Nullable Integer version,
        @Nullable Double minFeedback,
        @Nullable Double maxFeedback,
        @Nullable String outcome,
        @Nullable Integer limit,
        @Nullable String commitMessage) {}

package io.parapet.ui.spi;

import io.micronaut.core.annotation.Nullable;
import io.parapet.core.Actor;
import io.parapet.guardrails.Finding;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;

/**
 * Runs a prompt version through the chat gateway (model and guardrails) for the playground, streaming the
 * answer. The server module implements it with the same gateway the API serves.
 */
public interface Playground {
    /** A prompt by label or version number, its variables and an optional user message. */
    record Run(
            String prompt,
            @Nullable String label,
            @Nullable Integer version,
            Map<String, Object> variables,
            @Nullable String message) {}

    /** What a run streams: tokens as they are released, then one outcome. */
    sealed interface Event permits Token, Finished {}

    record Token(String text) implements Event {}

    record Finished(Outcome outcome) implements Event {}

    /**
     * How a run ended: {@code ending} is {@code stop}, {@code blocked} or {@code error}; {@code scans} holds each
     * scanner's result per direction, {@code flagged} the texts scanners found something in, with the findings, so
     * they can be highlighted in place.
     */
    record Outcome(
            String ending,
            @Nullable String promptVersion,
            @Nullable String model,
            @Nullable String blockedBy,
            @Nullable String refusal,
            @Nullable String error,
            long latencyMillis,
            @Nullable Long firstTokenMillis,
            int inputTokens,
            int outputTokens,
            List<Scanned> scans,
            List<Scanned> flagged) {}

    /** One scanner's result on one piece of text. */
    record Scanned(
            String direction,
            String scanner,
            String action,
            double score,
            boolean triggered,
            String text,
            List<Finding> findings) {}

    Flux<Event> run(Run run, Actor actor);
}

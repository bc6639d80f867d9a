package io.parapet.eval.online;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.eval.run.RunSpec;
import java.time.Instant;

/**
 * An online evaluation rule as the API shows it.
 *
 * @param prompt which prompts' live completions it judges: a name, a prefix such as {@code support/*}, or {@code *}
 * @param callsModel whether the evaluator calls a model (llm-judge): then it runs beside the stream, at most
 *     {@code perMinute} times a minute, and its verdicts go to {@code parapet.eval.judgements}
 */
@Serdeable
public record OnlineRule(
        String name,
        String prompt,
        RunSpec.EvaluatorSpec evaluator,
        int perMinute,
        boolean enabled,
        boolean callsModel,
        String updatedBy,
        Instant updatedAt) {

    /** The body of {@code PUT /api/v1/eval/online-rules/{name}}. */
    @Serdeable
    public record Spec(
            String prompt,
            RunSpec.EvaluatorSpec evaluator,
            @Nullable Integer perMinute,
            @Nullable Boolean enabled) {}

    /** Whether a completion of {@code promptName} is this rule's to judge. */
    public static boolean matches(String pattern, String promptName) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith("/*")) {
            return promptName.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(promptName);
    }
}

package io.parapet.eval.spi;

import java.util.Map;

/**
 * One answer to judge: what the prompt version produced for a dataset item, with what the item expected.
 *
 * @param variables the item's variable values
 * @param expected the item's expected answer (text, or JSON as text); null when the item has none
 * @param output the model's answer; null when the call ended without one (an error or a guardrail block)
 * @param latencyMillis how long the call took
 * @param tokens input plus output tokens
 * @param ending how the call ended: {@code stop} (answered), {@code blocked} (a guardrail stopped it; {@code output} is
 *     then the policy's refusal, or null), or null when not known
 * @param cost the call's estimated cost in US dollars; null when the model has no prices
 */
public record EvalCase(
        Map<String, Object> variables,
        String expected,
        String output,
        long latencyMillis,
        int tokens,
        String ending,
        Double cost) {
    public EvalCase {
        variables = variables == null ? Map.of() : variables;
    }

    /** An answer of unknown cost. */
    public EvalCase(
            Map<String, Object> variables,
            String expected,
            String output,
            long latencyMillis,
            int tokens,
            String ending) {
        this(variables, expected, output, latencyMillis, tokens, ending, null);
    }

    /** An answer whose ending follows from it: answered when there is output, unknown otherwise. */
    public EvalCase(Map<String, Object> variables, String expected, String output, long latencyMillis, int tokens) {
        this(variables, expected, output, latencyMillis, tokens, output == null ? null : "stop");
    }

    public static EvalCase of(String output, String expected) {
        return new EvalCase(Map.of(), expected, output, 0, 0);
    }

    public boolean blocked() {
        return "blocked".equals(ending);
    }
}

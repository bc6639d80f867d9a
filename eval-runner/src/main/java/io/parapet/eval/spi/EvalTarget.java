package io.parapet.eval.spi;

import io.parapet.registry.Message;
import java.util.List;
import java.util.Map;

/**
 * Where an evaluation item is answered: the real chat path (rendering, the attached guardrail policy, the model with
 * its retries and fallbacks), implemented by the server over its gateway. The runner knows nothing of HTTP.
 */
public interface EvalTarget {

    /**
     * One item to answer.
     *
     * @param tag marks the completion as evaluation traffic ({@code eval:<run>}), so monitors can tell it apart
     * @param prompt the prompt name; {@code version} is the exact version resolved when the run was made
     * @param messages the item's conversation after the prompt's own messages; may be empty
     * @param modelOverride a catalog model answering instead of the prompt's; null for the prompt's own
     */
    record Call(
            String tag,
            String prompt,
            int version,
            Map<String, Object> variables,
            List<Message> messages,
            String modelOverride) {}

    /** How a call ended: answered, stopped by a guardrail, or failed. */
    enum Ending {
        STOP,
        BLOCKED,
        ERROR;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What came back.
     *
     * @param output the answer, or the policy's refusal when blocked with one; null otherwise
     * @param detail why it was blocked (the scanner) or failed (the error); null when answered
     * @param retriable whether a failure may pass on a second try (an upstream outage, not a bad prompt)
     * @param model the model version that answered, as {@code name#version}; null when none did
     * @param cost the call's estimated cost in US dollars from the answering model's prices; null without prices
     */
    record Answer(
            Ending ending,
            String output,
            String detail,
            boolean retriable,
            int inputTokens,
            int outputTokens,
            long latencyMillis,
            String model,
            Double cost) {

        public int tokens() {
            return inputTokens + outputTokens;
        }
    }

    Answer answer(Call call);
}

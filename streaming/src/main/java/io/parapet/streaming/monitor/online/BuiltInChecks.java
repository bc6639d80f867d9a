package io.parapet.streaming.monitor.online;

import io.parapet.core.events.ChatCompletionEvent;
import io.parapet.streaming.monitor.Completion;
import java.util.List;
import java.util.Optional;

/** The checks every deployment has: guardrail verdicts and answer length. */
public final class BuiltInChecks {
    private BuiltInChecks() {}

    public static List<OnlineCheck> of(OnlineSettings settings) {
        return List.of(new Guardrails(), new Length(settings.minChars(), settings.maxChars()));
    }

    /** Passes when no guardrail fired on the request or the answer. */
    static final class Guardrails implements OnlineCheck {
        @Override
        public String name() {
            return "guardrails";
        }

        @Override
        public Optional<CheckResult> evaluate(Completion c) {
            List<String> fired = c.verdicts().stream()
                    .filter(ChatCompletionEvent.Verdict::triggered)
                    .map(v -> v.direction() + "/" + v.scanner() + " (" + v.action() + ", " + v.score() + ")")
                    .toList();
            return Optional.of(
                    fired.isEmpty()
                            ? CheckResult.pass(c.verdicts().size() + " verdicts, none fired")
                            : CheckResult.fail("fired: " + String.join(", ", fired)));
        }
    }

    /** Passes when an answered request's text is within the configured length and was not cut off. */
    static final class Length implements OnlineCheck {
        private final int min;
        private final int max;

        Length(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public String name() {
            return "length";
        }

        @Override
        public Optional<CheckResult> evaluate(Completion c) {
            if (c.blocked() || c.failed()) {
                return Optional.empty();
            }
            int chars = c.output().length();
            if (c.finishReason().equals("length")) {
                return Optional.of(CheckResult.fail(chars + " chars, cut off at the token limit"));
            }
            if (chars < min || chars > max) {
                return Optional.of(CheckResult.fail(chars + " chars, outside " + min + "–" + max));
            }
            return Optional.of(CheckResult.pass(chars + " chars"));
        }
    }
}

package io.parapet.eval.evaluators;

import io.parapet.eval.spi.EvalCase;
import io.parapet.eval.spi.Verdict;

/** What every built-in says when there is nothing to judge, so the reasons read the same across evaluators. */
final class Answers {
    private Answers() {}

    /** A failed verdict when the call gave no answer, else null. */
    static Verdict missingOutput(EvalCase answer) {
        return answer.output() == null ? Verdict.fail("no answer: the call ended without one") : null;
    }

    /** A failed verdict when there is no answer or the item expects nothing, else null. */
    static Verdict missingOutputOrExpected(EvalCase answer) {
        Verdict missing = missingOutput(answer);
        if (missing != null) {
            return missing;
        }
        return answer.expected() == null ? Verdict.fail("the item has no expected answer to compare with") : null;
    }

    /** A short quote of user text for a reason: reasons are shown in tables, and answers can be megabytes. */
    static String quote(String text) {
        return "'" + io.parapet.core.Text.clip(text, 80) + "'";
    }
}

package io.parapet.streaming.monitor.drift;

import io.parapet.core.events.ChatCompletionEvent;
import io.parapet.streaming.monitor.Completion;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The categorical features drift is measured on: how answers end, which guardrails fired, and the writing system
 * of the input. The script is a cheap, dependable stand-in for the language: it needs no model, and a shift from
 * Latin to Han or Cyrillic input is exactly the change a prompt tested in one language should be told about.
 */
public enum CategoricalFeature {
    FINISH_REASON("finish_reason", Completion::finishReason),
    GUARDRAILS("guardrails", CategoricalFeature::triggered),
    INPUT_SCRIPT("input_script", Completion::inputScript);

    private final String label;
    private final Function<Completion, String> value;

    CategoricalFeature(String label, Function<Completion, String> value) {
        this.label = label;
        this.value = value;
    }

    public String label() {
        return label;
    }

    String of(Completion c) {
        return value.apply(c);
    }

    /** The scanners that fired, as one category ({@code none}, or e.g. {@code input/pii+output/toxicity}). */
    private static String triggered(Completion c) {
        TreeSet<String> fired = new TreeSet<>();
        for (ChatCompletionEvent.Verdict v : c.verdicts()) {
            if (v.triggered()) {
                fired.add(v.direction() + "/" + v.scanner());
            }
        }
        return fired.isEmpty() ? "none" : String.join("+", fired);
    }

    /** The Unicode script most of a text's letters are written in ({@code none} without letters). */
    public static String script(String text) {
        int[] counts = new int[Character.UnicodeScript.values().length];
        int letters = 0;
        for (int i = 0; i < text.length() && letters < 400; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                counts[Character.UnicodeScript.of(cp).ordinal()]++;
                letters++;
            }
        }
        if (letters == 0) {
            return "none";
        }
        int best = 0;
        for (int s = 1; s < counts.length; s++) {
            if (counts[s] > counts[best]) {
                best = s;
            }
        }
        return Character.UnicodeScript.values()[best].name().toLowerCase(Locale.ROOT);
    }
}

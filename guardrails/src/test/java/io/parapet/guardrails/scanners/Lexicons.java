package io.parapet.guardrails.scanners;

import io.parapet.guardrails.spi.TextNormalizer;
import java.util.function.Predicate;

/** The scanners' built-in lexicons, for code outside this package that labels or checks data with them. */
public final class Lexicons {
    private Lexicons() {}

    /** Whether a text holds a word of the built-in profanity lexicon, read exactly as the toxicity scanner reads it. */
    public static Predicate<String> profanity() {
        return matches(ProfanityLexicon.builtIn());
    }

    public static Predicate<String> slurs() {
        return matches(ProfanityLexicon.slurs());
    }

    public static Predicate<String> insults() {
        return matches(ProfanityLexicon.insults());
    }

    private static Predicate<String> matches(ProfanityLexicon lexicon) {
        return text ->
                !lexicon.find(TextNormalizer.normalize(text).normalized()).isEmpty();
    }
}

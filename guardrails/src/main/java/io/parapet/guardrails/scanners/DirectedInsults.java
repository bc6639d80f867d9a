package io.parapet.guardrails.scanners;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Insults aimed at the reader: a word of {@code insults.txt} after "you", "you're", "your" or "ur", with only linking
 * words ("are", "such a", "so") and other insults between. "You are a worthless idiot" and "ur such a loser" count;
 * "a stupid mistake", "you are not stupid" and "you should see the idiot who parked here" do not.
 * The count is a feature of the toxicity heads; the corpora's offensive posts swear far more than they belittle, so
 * the embedding alone reads a polite-looking insult as ordinary text.
 */
final class DirectedInsults {
    private static final int WINDOW_WORDS = 6;
    private static final int WINDOW_CHARS = 80;
    /** Masks and leetspeak stay inside a word ("st*pid", "l0ser"), as the lexicon reads them. */
    private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{N}'*@$|]+");

    private static final Set<String> SECOND_PERSON =
            Set.of("you", "you're", "youre", "your", "ur", "u", "ya", "yourself", "thou");
    private static final Set<String> LINKING = Set.of(
            "are",
            "r",
            "re",
            "were",
            "a",
            "an",
            "such",
            "so",
            "total",
            "complete",
            "absolute",
            "little",
            "big",
            "fat",
            "and",
            "one");

    private final ProfanityLexicon insults;

    DirectedInsults(ProfanityLexicon insults) {
        this.insults = insults;
    }

    static DirectedInsults builtIn() {
        return new DirectedInsults(ProfanityLexicon.insults());
    }

    /** How many insults in the normalized text are aimed at the reader. */
    int count(String normalized) {
        int count = 0;
        for (ProfanityLexicon.Hit hit : insults.find(normalized)) {
            if (aimedAtReader(normalized.substring(Math.max(0, hit.start() - WINDOW_CHARS), hit.start()))) {
                count++;
            }
        }
        return count;
    }

    private boolean aimedAtReader(String before) {
        List<String> words = List.of(WORDS.split(before.toLowerCase(Locale.ROOT).strip()));
        for (int i = words.size() - 1; i >= Math.max(0, words.size() - WINDOW_WORDS); i--) {
            String word = words.get(i);
            if (SECOND_PERSON.contains(word)) {
                return true;
            }
            if (!LINKING.contains(word) && insults.find(word).isEmpty()) {
                return false; // "not", "should see the": the insult is about someone else, or denied
            }
        }
        return false;
    }
}

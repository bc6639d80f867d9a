package io.parapet.guardrails.training;

import io.parapet.guardrails.training.LabelledCorpora.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counterfactual augmentation on the word that makes a sentence toxic. A toxic, not hateful training sentence whose
 * only rude word is an insult ("you're a stupid clown") is added again with that word replaced by a friendly one of the
 * same kind ("you're a clever buddy"), labelled benign. The pair differs in one word, so the heads learn that the word
 * decides, not the shape of a short sentence about someone, which they had learnt to read as an insult: "Aisha is a
 * kind neighbour." scored as toxic as many real insults. (Kaushik et al., "Learning the Difference that Makes a
 * Difference with Counterfactually-Augmented Data", 2020.)
 *
 * <p>The friendly words are none of those in the templated fairness check ({@link IdentityTerms}), so that check
 * still measures what the heads learnt rather than what they were shown.
 */
public final class InsultSwaps {
    /** Insults used as nouns, and friendly nouns to put in their place. */
    private static final Pattern NOUN = Pattern.compile(
            "(?i)\\b(idiot|moron|imbecile|cretin|dimwit|halfwit|nitwit|loser|jerk|creep|clown|pig|scumbag|bitch|"
                    + "bastard|asshole|dickhead|dumbass|jackass|twat|wanker|prick|douche|douchebag)(e?s)?\\b");

    private static final List<String> FRIENDLY_NOUNS = List.of("buddy", "friend", "mate", "colleague", "cousin", "guy");

    /** Insults used as adjectives, and friendly adjectives to put in their place. */
    private static final Pattern ADJECTIVE =
            Pattern.compile("(?i)\\b(stupid|dumb|worthless|pathetic|useless|ugly|disgusting)\\b");

    private static final List<String> FRIENDLY_ADJECTIVES =
            List.of("clever", "lovely", "brilliant", "honest", "nice", "great");

    /** Any other rude word: a sentence with one of these keeps a cue after the swap, so it is not used. */
    private static final Pattern OTHER_RUDE = Pattern.compile(
            "(?i)(fuck|shit|cunt|pussy|whore|slut|\\bhoes?\\b|\\bdick\\b|\\bcock|\\bass\\b|\\barse\\b|piss|crap|damn|"
                    + "\\bscum\\b|nigg|fag|retard)");

    /**
     * Off unless {@code -Dtraining.insultSwaps=true}: on 2026-12-07 the swaps halved how often the TOXIC head flags a
     * benign sentence about someone, but cost recall on unseen sources and left the HATE head's flags on identity
     * sentences as they were (docs/guardrails-accuracy.md, "Identity fairness").
     */
    public static final boolean ENABLED = Boolean.getBoolean("training.insultSwaps");

    /** The share of eligible sentences that gain a swapped copy, by the text's hash (fixed before any run). */
    static final double SAMPLE = 0.25;

    private InsultSwaps() {}

    /** For a sample of the toxic, not hateful sentences with exactly one swappable insult, a benign copy without it. */
    public static List<Example> benignSwaps(List<Example> examples) {
        List<Example> out = new ArrayList<>();
        for (Example e : examples) {
            Integer toxic = e.labels().get("toxic");
            Integer hate = e.labels().get("hate");
            if (toxic == null || toxic != 1 || hate == null || hate != 0) {
                continue;
            }
            String swapped = swapOnlyInsult(e.text());
            if (swapped != null && LabelledCorpora.fraction(e.text() + "#insult") < SAMPLE) {
                out.add(new Example(swapped, Map.of("toxic", 0, "hate", 0), e.source(), e.heldOut()));
            }
        }
        return out;
    }

    /** The text with its one insult made friendly, or null when it has none, several, or another rude word. */
    static String swapOnlyInsult(String text) {
        if (OTHER_RUDE.matcher(text).find()) {
            return null;
        }
        Matcher noun = NOUN.matcher(text);
        Matcher adjective = ADJECTIVE.matcher(text);
        int nouns = count(noun);
        int adjectives = count(adjective);
        if (nouns + adjectives != 1) {
            return null;
        }
        double pick = LabelledCorpora.fraction(text + "#friendly");
        Matcher m = nouns == 1 ? noun.reset() : adjective.reset();
        m.find();
        String word = nouns == 1
                ? FRIENDLY_NOUNS.get((int) (pick * FRIENDLY_NOUNS.size())) + (m.group(2) != null ? "s" : "")
                : FRIENDLY_ADJECTIVES.get((int) (pick * FRIENDLY_ADJECTIVES.size()));
        if (Character.isUpperCase(m.group().charAt(0))) {
            word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
        }
        return text.substring(0, m.start()) + word + text.substring(m.end());
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}

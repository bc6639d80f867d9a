package io.parapet.guardrails.scanners;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.parapet.guardrails.spi.Cancellation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Phrases that attacks use to take over a model: overriding earlier instructions, extracting the system prompt, and
 * the jailbreak techniques of {@link JailbreakTechniques}. Each rule has a weight; the text's heuristic score is the
 * strongest match. Rules run with RE2J on normalized text, so homoglyph and zero-width tricks are already folded away
 * and matching is linear-time.
 */
final class InjectionHeuristics {
    /**
     * One rule; {@code triggers} are words (lower case) of which the text must contain one for the expression to be
     * able to match, so that ordinary text skips it.
     */
    record Rule(String name, Pattern pattern, double weight, List<String> triggers) {
        static Rule of(String name, String regex, double weight, String... triggers) {
            return new Rule(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), weight, List.of(triggers));
        }

        boolean mayMatch(String lowerCase) {
            for (String trigger : triggers) {
                if (lowerCase.contains(trigger)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Hit(String rule, int start, int end, double weight) {}

    private static final String OBJECT =
            "(instructions?|prompts?|rules|guidelines|directions|context|messages?|commands?|constraints|guardrails)";
    private static final String EARLIER = "(all |any |the |your |my |these |those )*(previous|prior|above|earlier|"
            + "preceding|initial|original|old|system|given|existing|everything)";

    private static final List<Rule> OVERRIDES = List.of(
            Rule.of(
                    "override",
                    "\\b(ignore|disregard|forget|skip|bypass|override|neglect|drop)\\b[^.!?\\n]{0,20}?\\b" + EARLIER
                            + "\\b[^.!?\\n]{0,20}?\\b" + OBJECT,
                    0.95,
                    "ignor",
                    "disregard",
                    "forget",
                    "skip",
                    "bypass",
                    "overrid",
                    "neglect",
                    "drop"),
            Rule.of(
                    "override-above",
                    "\\b(ignore|disregard|forget)\\s+(about\\s+)?(all\\s+|the\\s+)?(above|previous|prior|preceding|earlier)\\b",
                    0.9,
                    "ignor",
                    "disregard",
                    "forget"),
            // The same override in the languages attacks most often switch to: Spanish, German, French, Italian,
            // Portuguese ("forget all your previous instructions").
            Rule.of(
                    "override-translated",
                    "\\b(olvida|ignora|ignoriere|vergiss|oublie|ignorez|oubliez|dimentica|esque[cç]a)\\b[^.!?\\n]{0,30}?\\b"
                            + "(instrucciones|anweisungen|instructions|istruzioni|instru[cç][oõ]es|regeln|reglas|r[eè]gles"
                            + "|regole|regras)\\b",
                    0.9,
                    "olvid",
                    "ignor",
                    "vergiss",
                    "oubli",
                    "dimentica",
                    "esque"),
            Rule.of(
                    "override-everything",
                    "\\b(ignore|disregard|forget)\\s+(everything|all)\\s+(you|that|i|we|above|before)" + "\\b",
                    0.9,
                    "ignor",
                    "disregard",
                    "forget"),
            Rule.of(
                    "new-instructions",
                    "\\b(new|updated|real|actual|revised)\\s+(system\\s+)?" + OBJECT + "\\s*[:\\-]",
                    0.7,
                    "instruction",
                    "prompt",
                    "rule",
                    "guideline",
                    "direction",
                    "context",
                    "message",
                    "command",
                    "constraint",
                    "guardrail"),
            Rule.of(
                    "prompt-extraction",
                    "\\b(reveal|print|show|repeat|output|tell me|give me|what (is|are)|leak|disclose)"
                            + "\\b[^.!?\\n]{0,30}?\\b(your|the)\\s+(system\\s+prompt|initial\\s+prompt|hidden\\s+"
                            + "(instructions|prompt)|instructions|secret\\s+(key|password|instructions)|password)\\b",
                    0.75,
                    "prompt",
                    "instruction",
                    "password",
                    "secret"),
            Rule.of(
                    "delimiter",
                    "(^|\\n)\\s*(###|\\[/?(system|inst)\\]|<\\|?(system|im_start|im_end)\\|?>|end of "
                            + "(prompt|instructions))",
                    0.6,
                    "###",
                    "[",
                    "<",
                    "end of"),
            Rule.of(
                    "do-not-tell",
                    "\\b(do not|don't|never) (tell|inform|mention|reveal)\\b[^.!?\\n]{0,20}\\b(user|anyone)" + "\\b",
                    0.6,
                    "tell",
                    "inform",
                    "mention",
                    "reveal"));

    static final List<Rule> RULES = Stream.concat(OVERRIDES.stream(), JailbreakTechniques.RULES.stream())
            .toList();

    private InjectionHeuristics() {}

    static List<Hit> hits(String text) {
        String plain = straightApostrophes(text);
        String lower = plain.toLowerCase(Locale.ROOT);
        List<Hit> hits = new ArrayList<>();
        for (Rule rule : RULES) {
            if (!rule.mayMatch(lower)) {
                continue;
            }
            Matcher m = rule.pattern().matcher(Cancellation.watched(plain));
            while (m.find()) {
                hits.add(new Hit(rule.name(), m.start(), m.end(), rule.weight()));
            }
        }
        return hits;
    }

    static double score(String text) {
        String plain = straightApostrophes(text);
        String lower = plain.toLowerCase(Locale.ROOT);
        double best = 0;
        for (Rule rule : RULES) {
            if (rule.weight() > best
                    && rule.mayMatch(lower)
                    && rule.pattern().matcher(Cancellation.watched(plain)).find()) {
                best = rule.weight();
            }
        }
        return best;
    }

    /**
     * "don’t" as "don't", so that the rules need one spelling; one character for one, so spans stay where they
     * are. Here rather than in {@code TextNormalizer}: the normalized text is also what the encoder reads, and
     * changing it would change every trained head's input.
     */
    private static String straightApostrophes(String text) {
        return text.replace('\u2019', '\'');
    }
}

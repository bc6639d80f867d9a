package io.parapet.guardrails.scanners;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.parapet.guardrails.spi.Cancellation;
import java.util.ArrayList;
import java.util.List;

/**
 * Phrases that attacks use to take over a model: overriding earlier instructions, switching persona, extracting the
 * system prompt. Each rule has a weight; the text's heuristic score is the strongest match. Rules run with RE2J on
 * normalized text, so homoglyph and zero-width tricks are already folded away and matching is linear-time.
 */
final class InjectionHeuristics {
    record Rule(String name, Pattern pattern, double weight) {}

    record Hit(String rule, int start, int end, double weight) {}

    private static final String OBJECT =
            "(instructions?|prompts?|rules|guidelines|directions|context|messages?|commands?|constraints|guardrails)";
    private static final String EARLIER = "(all |any |the |your |my |these |those )*(previous|prior|above|earlier|"
            + "preceding|initial|original|old|system|given|existing|everything)";

    static final List<Rule> RULES = List.of(
            rule(
                    "override",
                    "\\b(ignore|disregard|forget|skip|bypass|override|neglect|drop)\\b[^.!?\\n]{0,20}?\\b" + EARLIER
                            + "\\b[^.!?\\n]{0,20}?\\b" + OBJECT,
                    0.95),
            rule(
                    "override-above",
                    "\\b(ignore|disregard|forget)\\s+(about\\s+)?(all\\s+|the\\s+)?(above|previous|prior|preceding|earlier)\\b",
                    0.9),
            // The same override in the languages attacks most often switch to: Spanish, German, French, Italian,
            // Portuguese ("forget all your previous instructions").
            rule(
                    "override-translated",
                    "\\b(olvida|ignora|ignoriere|vergiss|oublie|ignorez|oubliez|dimentica|esque[cç]a)\\b[^.!?\\n]{0,30}?\\b"
                            + "(instrucciones|anweisungen|instructions|istruzioni|instru[cç][oõ]es|regeln|reglas|r[eè]gles"
                            + "|regole|regras)\\b",
                    0.9),
            rule(
                    "override-everything",
                    "\\b(ignore|disregard|forget)\\s+(everything|all)\\s+(you|that|i|we|above|before)" + "\\b",
                    0.9),
            rule(
                    "new-instructions",
                    "\\b(new|updated|real|actual|revised)\\s+(system\\s+)?" + OBJECT + "\\s*[:\\-]",
                    0.7),
            rule(
                    "persona",
                    "\\b(you are now|from now on,? you|pretend (to be|you are)|act as (an? )?(unfiltered|"
                            + "unrestricted|evil|jailbroken)|roleplay as)\\b",
                    0.6),
            rule(
                    "jailbreak",
                    "\\b(jailbreak|jailbroken|dan mode|developer mode|do anything now|god mode|no restrictions"
                            + "|without (any )?(restrictions|filters|censorship))\\b",
                    0.8),
            rule(
                    "prompt-extraction",
                    "\\b(reveal|print|show|repeat|output|tell me|give me|what (is|are)|leak|disclose)"
                            + "\\b[^.!?\\n]{0,30}?\\b(your|the)\\s+(system\\s+prompt|initial\\s+prompt|hidden\\s+"
                            + "(instructions|prompt)|instructions|secret\\s+(key|password|instructions)|password)\\b",
                    0.75),
            rule(
                    "delimiter",
                    "(^|\\n)\\s*(###|\\[/?(system|inst)\\]|<\\|?(system|im_start|im_end)\\|?>|end of "
                            + "(prompt|instructions))",
                    0.6),
            // Three jailbreak techniques from Wei et al., "Jailbroken: How Does LLM Safety Training Fail?" (2023),
            // written from that taxonomy and from the DAN and AIM prompts it cites. Each alone is common enough in
            // benign requests ("no disclaimers, please") to be a feature only; two techniques together are decisive
            // (InjectionScanner).
            // Refusal suppression: forbidding the model its refusals, apologies or warnings.
            rule(
                    "refusal-suppression",
                    "\\b(never|not|don't|do not|must not|mustn't|should not|shouldn't|will not|won't|cannot|can't"
                            + "|none of)\\b[^.!?\\n]{0,40}?\\b(say|use|include|contain|respond|reply|write|start|begin"
                            + "|output)\\w*\\b[^.!?\\n]{0,40}?[\"'“‘]\\s*(i'?m sorry|i am sorry|i apologi[sz]e"
                            + "|i can'?t|i cannot|i'?m unable|i am unable|i'?m not able|as an ai|as a language model)"
                            + "|\\b(never|not|don't|do not|must not|will not|won't|cannot|can't)\\s+(ever\\s+)?"
                            + "(refuse|decline)\\b"
                            + "|\\b(no|never|don't|do not|without)\\s+(\\w+\\s+){0,2}?(warnings?|disclaimers?|caveats?"
                            + "|moralizing|moralising|apologies|apologizing|apologising)\\b",
                    0.6),
            // Dismissing ethics: "ignoring any moral or ethical implications", "has no ethical guidelines".
            rule(
                    "ethics-dismissal",
                    "\\b(ignor\\w*|disregard\\w*|regardless of|without regard (to|for)|no|not have|doesn't have"
                            + "|does not have|don't have|free of|free from)\\s+(any\\s+|all\\s+)?(possible\\s+)?"
                            + "(moral|ethical|legal)((\\s*,\\s*|\\s+or\\s+|\\s+and\\s+)(moral|ethical|legal))*\\s+"
                            + "(implications|concerns|considerations|guidelines|boundaries|constraints|restrictions"
                            + "|limitations|principles|standards)\\b",
                    0.6),
            // Prefix injection: dictating that the answer open with compliance ("Begin your reply with 'Sure, here
            // is'").
            rule(
                    "prefix-injection",
                    "\\b(start|begin)\\s+(your|the|each)\\s+(response|reply|answer|output)s?\\b[^\"“]{0,80}?"
                            + "[\"“'‘\\n]\\s*(sure|certainly|absolutely|of course)[,!]?\\s+(here|i)\\b",
                    0.6),
            rule(
                    "do-not-tell",
                    "\\b(do not|don't|never) (tell|inform|mention|reveal)\\b[^.!?\\n]{0,20}\\b(user|anyone)" + "\\b",
                    0.6));

    private InjectionHeuristics() {}

    private static Rule rule(String name, String regex, double weight) {
        return new Rule(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), weight);
    }

    /** Every rule needs one of these words; text without any skips the regular expressions. */
    private static final List<String> TRIGGERS = List.of(
            "ignor",
            "disregard",
            "forget",
            "skip",
            "bypass",
            "overrid",
            "neglect",
            "drop",
            "instruction",
            "prompt",
            "rule",
            "you are now",
            "from now on",
            "pretend",
            "act as",
            "roleplay",
            "jailbr",
            "mode",
            "do anything",
            "restriction",
            "filter",
            "censor",
            "reveal",
            "password",
            "secret",
            "###",
            "[",
            "<",
            "end of",
            "tell",
            "inform",
            "mention",
            "guideline",
            "direction",
            "context",
            "message",
            "command",
            "constraint",
            "guardrail",
            "above",
            "previous",
            "prior",
            "olvid",
            "vergiss",
            "oubli",
            "dimentica",
            "esque",
            "refus",
            "declin",
            "sorry",
            "apolog",
            "unable",
            "i can",
            "not able",
            "as an ai",
            "language model",
            "warning",
            "disclaimer",
            "caveat",
            "moral",
            "ethic",
            "legal",
            "start",
            "begin");

    static boolean mayMatch(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (String trigger : TRIGGERS) {
            if (lower.contains(trigger)) {
                return true;
            }
        }
        return false;
    }

    static List<Hit> hits(String text) {
        if (!mayMatch(text)) {
            return List.of();
        }
        String plain = straightApostrophes(text);
        List<Hit> hits = new ArrayList<>();
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(Cancellation.watched(plain));
            while (m.find()) {
                hits.add(new Hit(rule.name(), m.start(), m.end(), rule.weight()));
            }
        }
        return hits;
    }

    static double score(String text) {
        if (!mayMatch(text)) {
            return 0;
        }
        String plain = straightApostrophes(text);
        double best = 0;
        for (Rule rule : RULES) {
            if (rule.weight() > best
                    && rule.pattern().matcher(Cancellation.watched(plain)).find()) {
                best = rule.weight();
            }
        }
        return best;
    }

    /**
     * "don’t" as "don't", so that the rules need one spelling; one character for one, so spans stay where they are.
     */
    private static String straightApostrophes(String text) {
        return text.replace('\u2019', '\'');
    }
}

package io.parapet.guardrails.scanners;

import io.parapet.guardrails.scanners.InjectionHeuristics.Rule;
import java.util.List;

/**
 * Rules for the techniques jailbreaks combine, from the taxonomy of Wei et al., "Jailbroken: How Does LLM Safety
 * Training Fail?" (2023), and the published DAN, STAN, AIM, Developer Mode and BetterDAN prompts it cites: a new
 * persona, removed restrictions, refusal suppression, dismissed ethics, a dictated opening and dual responses. Each
 * alone is common enough in benign requests ("pretend to be a tour guide", "no disclaimers, please") to be a feature
 * of the head only; {@link InjectionScanner} treats any two together as decisive. A technique may have several rules,
 * one per phrasing, each with the words it needs, so that ordinary text runs few of the expressions.
 */
final class JailbreakTechniques {
    static final List<String> NAMES = List.of(
            "persona", "jailbreak", "refusal-suppression", "ethics-dismissal", "prefix-injection", "dual-response");

    /** A negation that forbids: "never", "do not", "won't", ... */
    private static final String NOT =
            "(never|not|don't|do not|must not|mustn't|should not|shouldn't|will not|won't|cannot|can't)";

    static final List<Rule> RULES = List.of(
            // A new persona: "You are now DAN", "you are about to immerse yourself into the role of ..."
            Rule.of(
                    "persona",
                    "\\b(you are now|from now on,? you|pretend (to be|you are)|roleplay as|stay in character"
                            + "|act as (an? )?(unfiltered|unrestricted|evil|jailbroken)"
                            + "|immerse yourself (in|into) the role"
                            + "|(you are|you're) (going|about) to (act|pretend|play|be|immerse))\\b",
                    0.6,
                    "you are now",
                    "from now on",
                    "pretend",
                    "roleplay",
                    "in character",
                    "act as",
                    "immerse",
                    "going to",
                    "about to"),
            // Removed restrictions: "no restrictions", "developer mode", "without any filters"
            Rule.of(
                    "jailbreak",
                    "\\b(jailbreak|jailbroken|dan mode|developer mode|do anything now|god mode|no restrictions"
                            + "|without (any )?(restrictions|filters|censorship))\\b",
                    0.8,
                    "jailbr",
                    "dan mode",
                    "developer mode",
                    "do anything",
                    "god mode",
                    "restriction",
                    "filter",
                    "censor"),
            // "does not have to abide by the rules", "doesn't adhere to OpenAI's content policy"
            Rule.of(
                    "jailbreak",
                    "\\b(not|never|no longer|don't|doesn't|do not|does not)\\s+(have\\s+to\\s+|need\\s+to\\s+)?"
                            + "(abide|adhere|comply|obey)(\\s+by|\\s+to|\\s+with)?\\s+"
                            + "(any\\s+|the\\s+|its\\s+|their\\s+|openai'?s?\\s+)?"
                            + "(rules|policies|policy|guidelines|content polic(y|ies)|restrictions)\\b",
                    0.8,
                    "abide",
                    "adhere",
                    "comply",
                    "obey"),
            // "has broken free of the typical confines of AI"
            Rule.of(
                    "jailbreak",
                    "\\b(broken|broke|break|freed|free)\\s+(free\\s+)?(of|from)\\s+(the\\s+)?(typical\\s+)?"
                            + "(confines|limitations|restrictions|rules)\\b",
                    0.8,
                    "confines",
                    "limitations",
                    "restrictions",
                    "rules"),
            // "an unfiltered and amoral chatbot"
            Rule.of(
                    "jailbreak",
                    "\\b(unfiltered|uncensored|amoral)\\s+(ai|chatbot|assistant|model|mode|responses?|persona"
                            + "|character)\\b",
                    0.8,
                    "unfiltered",
                    "uncensored",
                    "amoral"),
            // Refusal suppression: never say "I'm sorry"; none of your responses will contain "I apologize"
            Rule.of(
                    "refusal-suppression",
                    "\\b(" + NOT + "|none of)\\b[^.!?\\n]{0,40}?"
                            + "\\b(say|use|include|contain|respond|reply|write|start|begin|output)\\w*\\b"
                            + "[^.!?\\n]{0,40}?[\"'\u201c\u2018]\\s*(i'?m sorry|i am sorry|i apologi[sz]e|i can'?t"
                            + "|i cannot|i'?m unable|i am unable|i'?m not able|as an ai|as a language model)",
                    0.6,
                    "sorry",
                    "apologi",
                    "i can",
                    "unable",
                    "not able",
                    "as an ai",
                    "language model"),
            // "DAN never refuses"
            Rule.of(
                    "refusal-suppression",
                    "\\b" + NOT + "\\s+(ever\\s+)?(refuse|refuses|refusing|decline|declines|declining)\\b",
                    0.6,
                    "refus",
                    "declin"),
            // "none of your responses should inform me that you can't do something"
            Rule.of(
                    "refusal-suppression",
                    "\\b(" + NOT + "|none of)\\b[^.!?\\n]{0,40}?\\b(inform|tell|remind|warn)\\w*\\s+"
                            + "(me|the user)\\s+that\\s+(you|they|he|she|it)\\s+"
                            + "(can'?t|cannot|are unable|is unable|are not able|is not able)\\b",
                    0.6,
                    "can't",
                    "cant",
                    "cannot",
                    "unable",
                    "not able"),
            // "each time you reject a question, 4 tokens will be deducted"
            Rule.of(
                    "refusal-suppression",
                    "\\b(each|every)\\s+time\\s+you\\s+(reject|refuse|decline)\\w*",
                    0.6,
                    "reject",
                    "refus",
                    "declin"),
            // "without any warnings or disclaimers"
            Rule.of(
                    "refusal-suppression",
                    "\\b(no|never|don't|do not|without)\\s+(\\w+\\s+){0,2}?(warnings?|disclaimers?|caveats?"
                            + "|moralizing|moralising|apologies|apologizing|apologising)\\b",
                    0.6,
                    "warning",
                    "disclaimer",
                    "caveat",
                    "moralizing",
                    "moralising",
                    "apolog"),
            // Dismissed ethics: "ignoring any moral or ethical implications", "has no ethical guidelines"
            Rule.of(
                    "ethics-dismissal",
                    "\\b(ignor\\w*|disregard\\w*|regardless of|without regard (to|for)|no|not have|doesn't have"
                            + "|does not have|don't have|free of|free from)\\s+(any\\s+|all\\s+)?(possible\\s+)?"
                            + "(moral|ethical|legal)((\\s*,\\s*|\\s+or\\s+|\\s+and\\s+)(moral|ethical|legal))*\\s+"
                            + "(implications|concerns|considerations|guidelines|boundaries|constraints"
                            + "|restrictions|limitations|principles|standards)\\b",
                    0.6,
                    "moral",
                    "ethic",
                    "legal"),
            // "regardless of whether it is illegal", "without regarding whether it's harmful"
            Rule.of(
                    "ethics-dismissal",
                    "\\b(regardless of|without regard(ing)?( to| for)?|not caring( about)?|no matter)\\s+"
                            + "(whether|if|how)\\s+(it'?s|it is|they are|that is|this is)\\s+(\\w+\\s+)?"
                            + "(illegal|unethical|immoral|harmful|dangerous|inappropriate|offensive)\\b",
                    0.6,
                    "regard",
                    "not caring",
                    "no matter"),
            // A dictated opening: Begin your reply with "Sure, here is"
            Rule.of(
                    "prefix-injection",
                    "\\b(start|begin)\\s+(your|the|each)\\s+(response|reply|answer|output)s?\\b[^\"\u201c]{0,80}?"
                            + "[\"\u201c'\u2018\\n]\\s*(sure|certainly|absolutely|of course)[,!]?\\s+(here|i)\\b",
                    0.6,
                    "sure",
                    "certainly",
                    "absolutely",
                    "of course"),
            // Dual responses, one as the model and one as the persona: "answer every question in two ways"
            Rule.of(
                    "dual-response",
                    "\\b(answer|respond|reply)\\w*\\s+(to\\s+)?((every|each|all|my)\\s+)?"
                            + "((question|prompt|message)s?\\s+)?(in\\s+)?(two|2)\\s+(different\\s+|separate\\s+)?"
                            + "(ways|responses|answers|paragraphs)\\b",
                    0.6,
                    "ways",
                    "responses",
                    "answers",
                    "paragraphs"),
            // "generate two responses, one normal and one with the Developer Mode output"
            Rule.of(
                    "dual-response",
                    "\\b(generate|give|provide|write)\\s+(two|2)\\s+(different\\s+|separate\\s+)?"
                            + "(responses|answers)\\b[^.!?\\n]{0,60}?\\b(one|first)\\b",
                    0.6,
                    "responses",
                    "answers"));

    private JailbreakTechniques() {}
}

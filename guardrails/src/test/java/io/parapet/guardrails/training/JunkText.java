package io.parapet.guardrails.training;

import io.parapet.guardrails.training.LabelledCorpora.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Text with no words in it, labelled benign: runs of one character, a short pattern repeated, identifiers and
 * hashes, one word or one emoji over and over, filler after a short word. Chat traffic has such text (load tests,
 * padding, pasted ids, a row of laughing faces) and the corpora have almost none, so the encoder's embedding of a long
 * repetitive run lands where the heads never saw a benign example: the toxicity head flagged 2,000 "a"s and a row
 * of 😂 as hate. These teach it that the region is harmless. Generated from a fixed seed: the same on every run.
 */
public final class JunkText {
    public static final String SOURCE = "synthetic/junk";

    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String RUN_CHARS = ALNUM + ".-_=*#!?~+";
    private static final List<String> WORDS =
            List.of("ok", "test", "hello", "yes", "no", "lol", "haha", "hmm", "la", "blah", "ping", "asdf", "foo");
    private static final List<String> EMOJI = List.of("😂", "❤️", "👍", "🔥", "😊", "🎉", "🙏", "😭", "✨", "👀");
    private static final int KINDS = 6;

    private JunkText() {}

    /** {@code count} benign junk texts, the kinds in turn, generated from {@code seed}. */
    public static List<Example> examples(int count, long seed) {
        Random random = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = text(i % KINDS, random);
            out.add(new Example(text, Map.of("toxic", 0, "hate", 0), SOURCE, false));
        }
        return out;
    }

    private static String text(int kind, Random random) {
        return switch (kind) {
            case 0 -> String.valueOf(pick(RUN_CHARS, random)).repeat(length(random));
            case 1 -> fill(chars(ALNUM, 2 + random.nextInt(11), random), length(random));
            case 2 -> chars(random.nextBoolean() ? "0123456789abcdef" : ALNUM + "+/", 16 + random.nextInt(185), random);
            case 3 ->
                fill(WORDS.get(random.nextInt(WORDS.size())) + " ", length(random))
                        .strip();
            case 4 -> EMOJI.get(random.nextInt(EMOJI.size())).repeat(3 + random.nextInt(198));
            default ->
                WORDS.get(random.nextInt(WORDS.size())) + random.nextInt(100) + " "
                        + String.valueOf(pick(ALNUM, random)).repeat(length(random));
        };
    }

    /** Lengths from 8 to about 2,000 characters, spread evenly on a log scale: short runs matter as much as long. */
    private static int length(Random random) {
        return (int) Math.round(Math.exp(Math.log(8) + random.nextDouble() * (Math.log(2_000) - Math.log(8))));
    }

    private static String fill(String pattern, int length) {
        return pattern.repeat(length / pattern.length() + 1).substring(0, Math.max(length, pattern.length()));
    }

    private static String chars(String alphabet, int n, Random random) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(pick(alphabet, random));
        }
        return sb.toString();
    }

    private static char pick(String alphabet, Random random) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }
}

package io.parapet.guardrails.ner;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.guardrails.classify.LinearHead;
import io.parapet.guardrails.classify.Softmax;
import io.parapet.guardrails.classify.TokenStates;
import io.parapet.guardrails.classify.TokenStates.Pieces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained token-classification head: softmax regression from each word piece's encoder vector, plus a few facts
 * about its word's shape that an uncased encoder cannot see (capitals, digits, sentence start), to one of
 * {@link #CLASSES}. A word is an entity when its pieces' mean probability of being a person, place or organization is at
 * least one half; its type is the likeliest of the three. The {@code OTHER} class (titles, nationalities, dates) exists
 * so that the head learns "Dutch" apart from a place rather than lumped with ordinary words; street addresses have a
 * class of their own ({@link StreetAddresses}). Written by {@code ./parapet train} with a record of what it was
 * trained on.
 */
public record EntityHead(float[][] weights, double[] bias) {
    public static final List<String> CLASSES =
            List.of("O", "PERSON", "LOCATION", "ORGANIZATION", "OTHER", StreetAddresses.TYPE);

    /** The classes a name can have; {@code OTHER} is personal data of another kind (a title, a nationality, a date). */
    static final int FIRST_NAMED = 1;

    static final int LAST_NAMED = 3;

    private static final int ADDRESS = CLASSES.indexOf(StreetAddresses.TYPE);

    private static final int ORGANIZATION = CLASSES.indexOf("ORGANIZATION");

    /** Shape features after the encoder's vector; {@link #features} fills them in this order. */
    public static final List<String> SHAPE = List.of(
            "word starts with a capital",
            "word is all capitals (2+ letters)",
            "word has a digit",
            "word starts a sentence",
            "piece continues a word",
            "previous word starts with a capital",
            "next word starts with a capital",
            "word has no letter or digit");

    static final String RESOURCE = "guardrails/heads/entities.json";

    public EntityHead {
        if (weights.length != CLASSES.size() || bias.length != CLASSES.size()) {
            throw new IllegalArgumentException("an entity head has one row of weights per class " + CLASSES);
        }
    }

    /** The shipped head, trained on the encoder this JVM reads tokens with. */
    public static EntityHead shipped() {
        return Shipped.HEAD;
    }

    private static final class Shipped {
        static final EntityHead HEAD = load(RESOURCE);
    }

    static EntityHead load(String resource) {
        try (InputStream in = EntityHead.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("entity head " + resource + " is missing from the classpath");
            }
            JsonNode tree = Json.mapper().readTree(in);
            LinearHead.requireEncoder(resource, tree.path("encoder").asText("(none recorded)"), TokenStates.encoder());
            JsonNode w = tree.get("weights");
            float[][] weights = new float[w.size()][];
            double[] bias = new double[w.size()];
            for (int c = 0; c < weights.length; c++) {
                weights[c] = new float[w.get(c).size()];
                for (int j = 0; j < weights[c].length; j++) {
                    weights[c][j] = (float) w.get(c).get(j).asDouble();
                }
                bias[c] = tree.get("bias").get(c).asDouble();
            }
            return new EntityHead(weights, bias);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read entity head " + resource, e);
        }
    }

    /** Class probabilities for one piece's features. */
    public double[] probabilities(float[] x) {
        double[] z = new double[weights.length];
        for (int c = 0; c < z.length; c++) {
            if (weights[c].length != x.length) {
                throw new IllegalArgumentException(
                        "the entity head expects " + weights[c].length + " features, got " + x.length);
            }
            double s = bias[c];
            for (int j = 0; j < x.length; j++) {
                s += weights[c][j] * x[j];
            }
            z[c] = s;
        }
        return Softmax.inPlace(z);
    }

    /** Each piece's features, as the head is trained on them: its vector, then {@link #SHAPE}. */
    public static float[][] features(String text, Pieces pieces) {
        return features(text, pieces, false);
    }

    /**
     * Each piece's features; with {@code readShoutingAsLowerCase}, as the scanner reads them: on a shouted line ("I
     * DON'T KNOW WHAT TO PRESS NEXT") capitals say nothing about names, so the line's shape features are those of the
     * same line in lower case. Training reads the text as written, so that the shipped head stays what {@code
     * ./parapet train} makes; its corpora have next to no shouted lines.
     */
    private static float[][] features(String text, Pieces pieces, boolean readShoutingAsLowerCase) {
        Words words = Words.of(text, pieces);
        boolean[] shouted = readShoutingAsLowerCase ? words.shouted() : new boolean[words.size()];
        float[][] x = new float[pieces.size()][];
        for (int i = 0; i < pieces.size(); i++) {
            float[] v = pieces.vectors()[i];
            float[] row = new float[v.length + SHAPE.size()];
            System.arraycopy(v, 0, row, 0, v.length);
            int w = words.indexOf(i);
            String word = words.text(w);
            boolean cased = !shouted[w]; // on a shouted line, read capitals as if the line were in lower case
            int k = v.length;
            row[k++] = bit(cased && Character.isUpperCase(word.codePointAt(0)));
            row[k++] = bit(cased && allCapitals(word));
            row[k++] = bit(word.chars().anyMatch(Character::isDigit));
            row[k++] = bit(words.startsSentence(w));
            row[k++] = bit(i > 0 && pieces.words()[i - 1] == pieces.words()[i]);
            row[k++] = bit(
                    cased && w > 0 && Character.isUpperCase(words.text(w - 1).codePointAt(0)));
            row[k++] = bit(cased
                    && w + 1 < words.size()
                    && Character.isUpperCase(words.text(w + 1).codePointAt(0)));
            row[k] = bit(words.punctuation(w));
            x[i] = row;
        }
        return x;
    }

    /** An entity found by the head, in the coordinates of the text it read. */
    public record Span(String type, int start, int end, double score) {}

    /**
     * Words whose pieces are more likely a person, place or organization than not, except punctuation and function
     * words ("She", "No": a sentence's first word looks like a name to a head trained on texts that start with one).
     * Neighbouring entity words with only spaces between them (a line break ends a name) are one span ("Northwind
     * Traders"), typed by the
     * likeliest class over its entity words; its score is that of its least certain one. A capitalized neighbour the
     * head calls personal data of another kind ({@code OTHER}) joins the span too: in a long, repetitive text the head
     * called the "Maria" of "Maria Kowalska" a title, and a span of "Kowalska" alone left the first name in the
     * redacted text. (Without the capital, chat words such as "lmao" after a name joined it.) A span is kept only if
     * one of its words starts with a capital and has two letters or more: "18 C" and a lower-case "tool" at the start
     * of a line are not names. A word of {@link WordClasses#neverANameAlone} (a title, an address's unit, a group of
     * people, a programming language, a month) is not a name alone either, nor the only capital of a span ("Gay
     * couples"), and a span that starts with or follows a title is a person ("Mrs. Labrie"). A shouted line is read
     * as if it were in lower case. Names typed in lower case are missed (docs/guardrails-accuracy.md). Street
     * addresses are found beside the names ({@link StreetAddresses}); in an address block, a word the head calls part
     * of an address but outside any address counts towards a name: a town, a region or a country.
     */
    public List<Span> spans(String text, Pieces pieces) {
        float[][] x = features(text, pieces, true);
        Words words = Words.of(text, pieces);
        double[][] perWord = new double[words.size()][CLASSES.size()];
        int[] count = new int[words.size()];
        for (int i = 0; i < pieces.size(); i++) {
            int w = words.indexOf(i);
            double[] p = probabilities(x[i]);
            for (int c = 0; c < p.length; c++) {
                perWord[w][c] += p[c];
            }
            count[w]++;
        }
        double[] address = new double[words.size()];
        double[] ordinary = new double[words.size()];
        for (int w = 0; w < words.size(); w++) {
            for (int c = 0; c < CLASSES.size(); c++) {
                perWord[w][c] /= count[w];
            }
            address[w] = perWord[w][ADDRESS];
            ordinary[w] = perWord[w][0];
        }
        List<StreetAddresses.Run> addresses = StreetAddresses.runs(text, words, address, ordinary);
        boolean[] inAddress = StreetAddresses.covered(words.size(), addresses);
        boolean[] inBlock = StreetAddresses.nearby(text, words, addresses);
        double[] named = new double[words.size()]; // probability of a person, place or organization
        boolean[] personal = new boolean[words.size()]; // may be part of a name's span
        for (int w = 0; w < words.size(); w++) {
            // an address word in an address block but outside any address is a town, a region or a country
            boolean town = inBlock[w] && !inAddress[w];
            named[w] =
                    words.mayBeName(w) && !words.neverANameAlone(w) ? entity(perWord[w]) + (town ? address[w] : 0) : 0;
            personal[w] = named[w] >= 0.5 || words.mayBeName(w) && perWord[w][0] < 0.5 && words.startsWithCapital(w);
        }
        List<Span> spans = new ArrayList<>();
        int first = -1;
        for (int w = 0; w <= words.size(); w++) {
            boolean joins = w < words.size()
                    && personal[w]
                    && first >= 0
                    && Words.spacesOnly(text, words.end(w - 1), words.start(w));
            if (first >= 0 && !joins) {
                if (hasEntityWord(named, first, w) && words.looksLikeAName(first, w)) {
                    spans.add(span(words, perWord, named, first, w));
                }
                first = -1;
            }
            if (w < words.size() && personal[w] && first < 0) {
                first = w;
            }
        }
        return StreetAddresses.withNames(text, words, addresses, spans);
    }

    /** A run of personal-data words is a name only if one of them is one: a street or a title alone is not. */
    private static boolean hasEntityWord(double[] named, int from, int to) {
        for (int w = from; w < to; w++) {
            if (named[w] >= 0.5) {
                return true;
            }
        }
        return false;
    }

    /** Whether the span starts with a title or follows one ("Sir Elton", "Mrs. Labrie"). */
    private static boolean titled(Words words, int first) {
        return words.isTitle(first) || words.afterTitle(first);
    }

    private static double entity(double[] probabilities) {
        double p = 0;
        for (int c = FIRST_NAMED; c <= LAST_NAMED; c++) {
            p += probabilities[c];
        }
        return p;
    }

    private static Span span(Words words, double[][] perWord, double[] named, int from, int to) {
        double[] total = new double[CLASSES.size()];
        double score = 1;
        for (int w = from; w < to; w++) {
            if (named[w] >= 0.5) { // a joined word of another kind neither types the span nor lowers its score
                for (int c = FIRST_NAMED; c <= LAST_NAMED; c++) {
                    total[c] += perWord[w][c];
                }
                score = Math.min(score, named[w]);
            }
        }
        int type = FIRST_NAMED; // a person, and always so after a title
        for (int c = FIRST_NAMED + 1; c <= LAST_NAMED && !titled(words, from); c++) {
            if (total[c] > total[type]) {
                type = c;
            }
        }
        if (to - from >= 2 && WordClasses.isOrganizationSuffix(words.text(to - 1)) && !titled(words, from)) {
            type = ORGANIZATION; // a legal form or an institution ends the name: "Pixia Corp", "Vanguard Group"
        }
        return new Span(CLASSES.get(type), words.start(from), words.end(to - 1), score);
    }

    private static float bit(boolean b) {
        return b ? 1 : 0;
    }

    private static boolean allCapitals(String word) {
        long letters = word.codePoints().filter(Character::isLetter).count();
        return letters >= 2 && word.codePoints().filter(Character::isLetter).allMatch(Character::isUpperCase);
    }
}

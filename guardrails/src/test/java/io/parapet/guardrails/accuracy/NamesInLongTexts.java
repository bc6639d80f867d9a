package io.parapet.guardrails.accuracy;

import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ner.EntityHead;
import io.parapet.guardrails.ner.GazetteerRecognizer;
import io.parapet.guardrails.ner.TrainedRecognizer;
import io.parapet.guardrails.spi.TextNormalizer;
import io.parapet.guardrails.training.EntityTraining.Corpus;
import io.parapet.guardrails.training.EntityTraining.Row;
import io.parapet.guardrails.training.LabelledCorpora;
import io.parapet.guardrails.training.SpanCounts.Span;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Whether a name is found as well inside a long message as in the short text it came from. Each Presidio text is read
 * alone, and again with 150 to 850 characters of other writing before it and 600 after, so that it sits in the part of
 * the text the sentence embedding's window leaves out. Two kinds of writing go around it: texts without names of its
 * own fold (the kind the entity head trains with, never these ones), and CLINC150 requests, which the entity head never
 * reads in training. Every reading uses the head trained without the text's fold. "Whole" counts a gold name that one
 * finding of its type covers end to end: what a redaction needs, where the overlap the F2 scoring counts would let the
 * first name through.
 */
final class NamesInLongTexts {
    private static final int AFTER = 600;

    private NamesInLongTexts() {}

    static void print(Path corpora, Corpus corpus, EntityHead[] heads) throws IOException {
        List<Row> clinc = new LabelledCorpora(corpora)
                .injection().stream()
                        .filter(e -> e.family().equals("clinc"))
                        .map(e -> new Row(asWritten(e.text()), 0, List.of(), "clinc"))
                        .toList();
        List<Row> withoutNames = corpus.withoutNames();
        PiiAccuracy.tableHeading(
                "Names in long texts: each Presidio text alone, and inside about 1.5 KB of other writing, out of fold,"
                        + " head + gazetteer as shipped",
                "read",
                "gold names",
                "found (overlap)",
                "found whole");
        count(corpus, heads, null).print("the text alone");
        count(corpus, heads, fold -> withoutNames.stream()
                        .filter(r -> r.fold() == fold)
                        .toList())
                .print("amid texts without names of its fold");
        count(corpus, heads, fold -> clinc).print("amid CLINC150 requests (never trained on)");
    }

    /** CLINC150 is lower case and unpunctuated; a chat user's sentence starts with a capital and ends. */
    private static String asWritten(String query) {
        return query.substring(0, 1).toUpperCase(Locale.ROOT) + query.substring(1) + ".";
    }

    /** Gold names found with each Presidio text read alone ({@code fillers} null) or amid a fold's fillers. */
    private static Counts count(Corpus corpus, EntityHead[] heads, IntFunction<List<Row>> fillers) {
        GazetteerRecognizer gazetteer = new GazetteerRecognizer();
        Counts counts = new Counts();
        List<Row> rows = corpus.presidio();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            List<Span> gold = row.gold().stream()
                    .filter(g -> PiiAccuracy.NAMED.contains(g.type()))
                    .toList();
            if (gold.isEmpty()) {
                continue;
            }
            String before = "";
            String after = "";
            if (fillers != null) {
                List<Row> around = fillers.apply(row.fold());
                before = filler(around, i * 7 + 1, 150 + (i * 37) % 700) + " ";
                after = " " + filler(around, i * 7 + 4, AFTER);
            }
            int shift = before.length();
            List<Span> shifted = gold.stream()
                    .map(g -> new Span(g.type(), g.start() + shift, g.end() + shift))
                    .toList();
            TrainedRecognizer recognizer = new TrainedRecognizer(heads[row.fold()], gazetteer);
            counts.add(shifted, recognizer.recognize(TextNormalizer.normalize(before + row.text() + after)));
        }
        return counts;
    }

    /**
     * Whole texts from {@code texts}, from the {@code from}-th on (round the list), joined by spaces until there are at
     * least {@code length} characters.
     */
    private static String filler(List<Row> texts, int from, int length) {
        StringBuilder out = new StringBuilder();
        for (int k = from; out.length() < length; k++) {
            out.append(out.isEmpty() ? "" : " ")
                    .append(texts.get(k % texts.size()).text().strip());
        }
        return out.toString();
    }

    private static final class Counts {
        int gold;
        int overlapped;
        int whole;

        void add(List<Span> golds, List<Finding> findings) {
            List<Finding> kept = findings.stream()
                    .filter(f -> f.score() >= PiiAccuracy.THRESHOLD)
                    .toList();
            for (Span g : golds) {
                gold++;
                if (kept.stream().anyMatch(f -> g.overlaps(new Span(f.type(), f.start(), f.end())))) {
                    overlapped++;
                }
                if (kept.stream()
                        .anyMatch(f -> f.type().equals(g.type()) && f.start() <= g.start() && f.end() >= g.end())) {
                    whole++;
                }
            }
        }

        void print(String name) {
            System.out.printf(
                    "| %s | %d | %d (%.1f%%) | %d (%.1f%%) |%n",
                    name, gold, overlapped, 100.0 * overlapped / gold, whole, 100.0 * whole / gold);
        }
    }
}

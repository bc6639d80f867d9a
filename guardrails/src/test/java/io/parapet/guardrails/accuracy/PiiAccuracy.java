package io.parapet.guardrails.accuracy;

import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScannerCatalog;
import io.parapet.guardrails.ner.EntityHead;
import io.parapet.guardrails.ner.GazetteerRecognizer;
import io.parapet.guardrails.ner.TrainedRecognizer;
import io.parapet.guardrails.scanners.PiiScannerFactory;
import io.parapet.guardrails.spi.EntityRecognizer;
import io.parapet.guardrails.spi.Scanner;
import io.parapet.guardrails.spi.TextNormalizer;
import io.parapet.guardrails.training.EntityTraining;
import io.parapet.guardrails.training.EntityTraining.Row;
import io.parapet.guardrails.training.SpanCounts;
import io.parapet.guardrails.training.SpanCounts.Span;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * PII accuracy on {@code pii-presidio-synth-dev.json} ({@code ./parapet accuracy}), span-level ({@link SpanCounts}),
 * findings counted at the default policy threshold (0.5). The pattern types are not trained, so the whole file is
 * held out for them. PERSON, LOCATION and ORGANIZATION are reported three ways: the gazetteer alone (not trained),
 * and the trained entity head alone and with the gazetteer fallback (what ships), both out of fold: each text is
 * read by a head trained without its template. Last, the {@code pii} scanner with every type as it redacts: one scanner
 * where overlapping findings resolve, with the out-of-fold head. Presidio's {@code URL} has no label here; URLs count
 * as DOMAIN_NAME.
 */
public final class PiiAccuracy {
    static final List<String> TYPES =
            List.of("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS", "DOMAIN_NAME", "US_SSN");
    /** Named entities from the recognizer; Presidio labels places GPE, which counts as our LOCATION. */
    static final List<String> NAMED = List.of("PERSON", "LOCATION", "ORGANIZATION");
    /** Found by the entity head since 2026-12-07; not one of the ten types, so reported beside them. */
    static final String ADDRESS = "STREET_ADDRESS";

    static final double THRESHOLD = 0.5;
    /** How many misses {@code -Daccuracy.errors=true} lists per table. */
    private static final int ERRORS_LISTED = Integer.getInteger("accuracy.errorsListed", 60);

    private PiiAccuracy() {}

    public static void main(String[] args) throws Exception {
        Path corpora = Path.of(args.length > 0 ? args[0] : "../shared/corpora");
        EntityTraining.Corpus corpus = EntityTraining.read(corpora);
        List<Row> rows = corpus.presidio();
        Scanner patterns = ScannerCatalog.load().get("pii").create(Map.of("ner", "gazetteer"));
        Map<Row, List<Span>> patternFindings = new LinkedHashMap<>();
        for (Row row : rows) {
            patternFindings.put(
                    row,
                    spans(patterns.scan(TextNormalizer.normalize(row.text()), ScanContext.input())
                            .findings()));
        }
        EntityHead[] heads = EntityTraining.perFold(corpus.rows());
        EntityRecognizer none = text -> List.of();
        GazetteerRecognizer gazetteer = new GazetteerRecognizer();
        Map<String, Function<Row, List<Span>>> named = new LinkedHashMap<>();
        named.put("gazetteer alone (not trained)", r -> recognized(gazetteer, r));
        named.put("entity head alone (out of fold)", r -> recognized(new TrainedRecognizer(heads[r.fold()], none), r));
        named.put(
                "entity head + gazetteer fallback, as shipped (out of fold)",
                r -> recognized(new TrainedRecognizer(heads[r.fold()], gazetteer), r));

        System.out.println(
                "PII accuracy, " + EntityTraining.FILE + " (" + rows.size() + " texts; the entity head also trains on "
                        + corpus.withoutNames().size() + " texts without names), " + LocalDate.now());
        Map<String, SpanCounts> patternCounts = table(rows, patternFindings::get, TYPES);
        for (Map.Entry<String, Function<Row, List<Span>>> recognizer : named.entrySet()) {
            System.out.println();
            System.out.println("Named entities: " + recognizer.getKey());
            List<String> types = new ArrayList<>(NAMED);
            types.add(ADDRESS);
            print(patternCounts, table(rows, recognizer.getValue(), types));
        }
        // What a user gets: pattern findings and names in one scanner, where the stronger of two overlapping findings
        // wins and a name inside an e-mail address, URL or domain yields to it.
        Scanner[] scanners = new Scanner[EntityTraining.FOLDS];
        for (int f = 0; f < scanners.length; f++) {
            scanners[f] = PiiScannerFactory.withRecognizer(new TrainedRecognizer(heads[f], gazetteer));
        }
        Map<Row, List<Span>> scanned = new HashMap<>();
        Function<Row, List<Span>> asRedacted = r -> scanned.computeIfAbsent(
                r,
                row -> spans(scanners[row.fold()]
                        .scan(TextNormalizer.normalize(row.text()), ScanContext.input())
                        .findings()));
        System.out.println();
        System.out.println(
                "The pii scanner with every type, as it redacts: overlapping findings resolved (out of fold)");
        List<String> namedTypes = new ArrayList<>(NAMED);
        namedTypes.add(ADDRESS);
        print(table(rows, asRedacted, TYPES), table(rows, asRedacted, namedTypes));
        tableHeading(
                "Texts without names (benign chat, role-play and XSTest prompts with no capital inside a sentence), each"
                        + " read by a head trained without its fold: share with any named or street-address finding",
                "recognizer",
                "texts",
                "with a finding",
                "share");
        List<Row> withoutNames = corpus.withoutNames();
        for (Map.Entry<String, Function<Row, List<Span>>> recognizer : named.entrySet()) {
            long flagged = 0;
            for (Row r : withoutNames) {
                List<Span> found = recognizer.getValue().apply(r).stream()
                        .filter(s -> NAMED.contains(s.type()) || s.type().equals(ADDRESS))
                        .toList();
                if (!found.isEmpty()) {
                    flagged++;
                    if (Boolean.getBoolean("accuracy.errors")) {
                        found.forEach(s -> System.out.println("FP in a text without names: " + s.type() + " '"
                                + r.text().substring(s.start(), s.end()) + "'"));
                    }
                }
            }
            System.out.printf(
                    "| %s | %d | %d | %.1f%% |%n",
                    recognizer.getKey(), withoutNames.size(), flagged, 100.0 * flagged / withoutNames.size());
        }
        NamesInLongTexts.print(corpora, corpus, heads);
        if (!(args.length > 1 && args[1].equals("pii"))) {
            io.parapet.guardrails.scanners.ClassifierAccuracy.run(corpora);
        }
    }

    /** A blank line, a title, a blank line and a Markdown table's header row and rule. */
    static void tableHeading(String title, String... columns) {
        System.out.println();
        System.out.println(title);
        System.out.println();
        System.out.println("| " + String.join(" | ", columns) + " |");
        System.out.println("|" + "---|".repeat(columns.length));
    }

    private static List<Span> recognized(EntityRecognizer recognizer, Row row) {
        return spans(recognizer.recognize(TextNormalizer.normalize(row.text())));
    }

    private static List<Span> spans(List<Finding> findings) {
        List<Span> out = new ArrayList<>();
        for (Finding f : findings) {
            String type = f.type().equals("URL") ? "DOMAIN_NAME" : f.type();
            if (f.score() >= THRESHOLD) {
                out.add(new Span(type, f.start(), f.end()));
            }
        }
        return out;
    }

    private static Map<String, SpanCounts> table(
            List<Row> rows, Function<Row, List<Span>> predict, List<String> types) {
        Map<String, SpanCounts> byType = new LinkedHashMap<>();
        types.forEach(t -> byType.put(t, new SpanCounts()));
        List<String> misses = new ArrayList<>();
        for (Row row : rows) {
            List<Span> predicted = predict.apply(row);
            byType.forEach((type, counts) -> counts.count(type, predicted, row.gold()));
            if (Boolean.getBoolean("accuracy.errors") && misses.size() < ERRORS_LISTED) {
                predicted.stream()
                        .filter(p ->
                                types.contains(p.type()) && row.gold().stream().noneMatch(p::overlaps))
                        .forEach(p -> misses.add("FP " + p.type() + " '"
                                + row.text().substring(p.start(), p.end()) + "'" + inside(p, row.gold())));
                row.gold().stream()
                        .filter(g ->
                                types.contains(g.type()) && predicted.stream().noneMatch(g::overlaps))
                        .forEach(g ->
                                misses.add("FN " + g.type() + " '" + row.text().substring(g.start(), g.end()) + "'"));
            }
        }
        misses.forEach(System.out::println);
        return byType;
    }

    /** Which gold span of another type a false finding sits in, if any: a town inside a street address, say. */
    private static String inside(Span finding, List<Span> gold) {
        return gold.stream()
                .filter(g -> g.start() < finding.end() && finding.start() < g.end())
                .map(g -> " (in gold " + g.type() + ")")
                .findFirst()
                .orElse("");
    }

    private static void print(Map<String, SpanCounts> patterns, Map<String, SpanCounts> named) {
        System.out.println();
        System.out.println("| entity | gold spans | predicted | precision | recall | F2 |");
        System.out.println("|---|---|---|---|---|---|");
        SpanCounts patternTotal = new SpanCounts();
        SpanCounts namedTotal = new SpanCounts();
        patterns.forEach((type, c) -> {
            row(type, c);
            patternTotal.add(c);
        });
        named.forEach((type, c) -> {
            if (NAMED.contains(type)) {
                row(type, c);
                namedTotal.add(c);
            }
        });
        row("**pattern types overall**", patternTotal);
        row("**named entities overall**", namedTotal);
        SpanCounts all = new SpanCounts();
        all.add(patternTotal);
        all.add(namedTotal);
        row("**all ten types**", all);
        SpanCounts address = named.get(ADDRESS);
        row(ADDRESS + " (not one of the ten)", address);
        all.add(address);
        row("all ten and " + ADDRESS, all);
    }

    private static void row(String name, SpanCounts c) {
        System.out.printf(
                "| %s | %d | %d | %.3f | %.3f | %.3f |%n",
                name, c.gold, c.predicted, c.precision(), c.recall(), c.f2());
    }
}

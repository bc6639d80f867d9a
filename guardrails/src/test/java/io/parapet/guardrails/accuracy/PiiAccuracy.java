package io.parapet.guardrails.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScannerCatalog;
import io.parapet.guardrails.spi.Scanner;
import io.parapet.guardrails.spi.TextNormalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PII accuracy of the pattern scanner on {@code pii-presidio-synth-dev.json} ({@code ./parapet accuracy}).
 * Span-level: a prediction is right when it overlaps a gold span of the same type; a gold span is found when a
 * prediction of its type overlaps it. Findings count at the default policy threshold (0.5). Nothing is trained,
 * so the whole file is held out. Presidio's {@code URL} has no label in this corpus; URLs count as DOMAIN_NAME.
 */
public final class PiiAccuracy {
    static final List<String> TYPES =
            List.of("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS", "DOMAIN_NAME", "US_SSN");
    /** Named entities from the recognizer; Presidio labels places GPE, which counts as our LOCATION. */
    static final List<String> NAMED = List.of("PERSON", "LOCATION", "ORGANIZATION");

    static final double THRESHOLD = 0.5;

    private PiiAccuracy() {}

    private static final class Counts {
        int truePositives;
        int predicted;
        int goldFound;
        int gold;

        double precision() {
            return predicted == 0 ? 1 : (double) truePositives / predicted;
        }

        double recall() {
            return gold == 0 ? 1 : (double) goldFound / gold;
        }

        void add(Counts other) {
            truePositives += other.truePositives;
            predicted += other.predicted;
            goldFound += other.goldFound;
            gold += other.gold;
        }

        double f2() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 5 * p * r / (4 * p + r);
        }
    }

    private record Span(String type, int start, int end) {
        boolean overlaps(Span o) {
            return type.equals(o.type) && start < o.end && o.start < end;
        }
    }

    public static void main(String[] args) throws Exception {
        Path corpora = Path.of(args.length > 0 ? args[0] : "../shared/corpora");
        JsonNode rows = Json.read(Files.readString(corpora.resolve("pii-presidio-synth-dev.json")));
        Scanner pii = ScannerCatalog.load().get("pii").create(Map.of());
        Map<String, Counts> byType = new TreeMap<>();
        TYPES.forEach(t -> byType.put(t, new Counts()));
        NAMED.forEach(t -> byType.put(t, new Counts()));
        List<String> misses = new ArrayList<>();
        for (JsonNode row : rows) {
            String text = row.get("full_text").asText();
            List<Span> gold = new ArrayList<>();
            for (JsonNode s : row.get("spans")) {
                String goldType = s.get("entity_type").asText().equals("GPE")
                        ? "LOCATION"
                        : s.get("entity_type").asText();
                if (byType.containsKey(goldType)) {
                    gold.add(new Span(
                            goldType,
                            s.get("start_position").asInt(),
                            s.get("end_position").asInt()));
                }
            }
            List<Span> predicted = new ArrayList<>();
            for (Finding f : pii.scan(TextNormalizer.normalize(text), ScanContext.input())
                    .findings()) {
                String type = f.type().equals("URL") ? "DOMAIN_NAME" : f.type();
                if (f.score() >= THRESHOLD && byType.containsKey(type)) {
                    predicted.add(new Span(type, f.start(), f.end()));
                }
            }
            for (Span p : predicted) {
                Counts c = byType.get(p.type());
                c.predicted++;
                if (gold.stream().anyMatch(p::overlaps)) {
                    c.truePositives++;
                } else if (misses.size() < 40) {
                    misses.add("FP " + p.type() + " '" + text.substring(p.start(), p.end()) + "'");
                }
            }
            for (Span g : gold) {
                Counts c = byType.get(g.type());
                c.gold++;
                if (predicted.stream().anyMatch(g::overlaps)) {
                    c.goldFound++;
                } else if (misses.size() < 40) {
                    misses.add("FN " + g.type() + " '" + text.substring(g.start(), g.end()) + "'");
                }
            }
        }
        Counts all = new Counts();
        Counts named = new Counts();
        System.out.println(
                "PII pattern accuracy, pii-presidio-synth-dev.json (" + rows.size() + " texts), " + LocalDate.now());
        System.out.println();
        System.out.println("| entity | gold spans | predicted | precision | recall | F2 |");
        System.out.println("|---|---|---|---|---|---|");
        byType.forEach((type, c) -> {
            System.out.printf(
                    "| %s | %d | %d | %.3f | %.3f | %.3f |%n",
                    type, c.gold, c.predicted, c.precision(), c.recall(), c.f2());
            (TYPES.contains(type) ? all : named).add(c);
        });
        System.out.printf(
                "| **pattern types overall** | %d | %d | %.3f | %.3f | **%.3f** |%n",
                all.gold, all.predicted, all.precision(), all.recall(), all.f2());
        System.out.printf(
                "| **named entities (gazetteer) overall** | %d | %d | %.3f | %.3f | **%.3f** |%n",
                named.gold, named.predicted, named.precision(), named.recall(), named.f2());
        named.add(all);
        System.out.printf(
                "| **all ten types** | %d | %d | %.3f | %.3f | **%.3f** |%n",
                named.gold, named.predicted, named.precision(), named.recall(), named.f2());
        if (Boolean.getBoolean("accuracy.errors")) {
            System.out.println();
            misses.forEach(System.out::println);
        }
        io.parapet.guardrails.scanners.ClassifierAccuracy.run(corpora);
    }
}

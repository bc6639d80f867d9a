package io.parapet.guardrails.scanners;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.guardrails.spi.TextNormalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the injection phrase rules cost, apart from the model: every line of a JSONL file (the batch benchmark's
 * {@code scripts/guardrails-mixed-lines.py} output) through {@link InjectionHeuristics#hits}, five timed rounds after
 * two warm-up rounds, one thread.
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl guardrails exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.parapet.guardrails.scanners.InjectionRulesCost -Dexec.args=/tmp/mixed-10k.jsonl
 * </pre>
 */
public final class InjectionRulesCost {
    private InjectionRulesCost() {}

    public static void main(String[] args) throws Exception {
        List<String> texts = Files.readAllLines(Path.of(args[0])).stream()
                .map(InjectionRulesCost::text)
                .map(t -> TextNormalizer.normalize(t).normalized())
                .toList();
        long hits = 0;
        for (int round = 0; round < 7; round++) {
            long start = System.nanoTime();
            for (String text : texts) {
                hits += InjectionHeuristics.hits(text).size();
            }
            double ms = (System.nanoTime() - start) / 1e6;
            if (round >= 2) {
                System.out.printf(
                        "round %d: %.0f ms for %d texts, %.1f µs per text%n",
                        round - 1, ms, texts.size(), ms * 1000 / texts.size());
            }
        }
        System.out.println("(hits, all rounds: " + hits + ")");
    }

    private static String text(String line) {
        try {
            JsonNode node = Json.mapper().readTree(line);
            return node.path("text").asText();
        } catch (Exception e) {
            throw new IllegalArgumentException("not a JSON line: " + line, e);
        }
    }
}

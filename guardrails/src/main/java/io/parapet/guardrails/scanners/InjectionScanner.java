package io.parapet.guardrails.scanners;

import io.parapet.guardrails.Direction;
import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.classify.Embeddings;
import io.parapet.guardrails.classify.LinearHead;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.Scanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Prompt injection and jailbreak detection in three layers: phrase heuristics on the normalized text and on any
 * base64, hex or percent-encoded payload inside it; similarity to seed attacks; and a logistic-regression head trained
 * on the MiniLM embedding plus those two signals. The score is the head's probability calibrated so that 0.5 is its
 * trained threshold, raised to the rule's weight when an explicit override rule fires, or any rule fires inside an
 * encoded payload (hiding instructions is itself a signal).
 */
final class InjectionScanner implements Scanner {
    static final String HEAD = "guardrails/heads/injection.json";
    private static final double OVERRIDE = 0.9;

    private final InjectionModel model;

    InjectionScanner(InjectionModel model) {
        this.model = model;
    }

    @Override
    public ScanResult scan(ScanText text, ScanContext context) {
        if (context.direction() == Direction.OUTPUT) {
            // Injection is an attack on the model's input; a model's own answer is judged by the output scanners.
            return ScanResult.CLEAN;
        }
        if (!text.hasContent()) {
            return ScanResult.CLEAN; // no words, nothing encoded: skip the model run
        }
        String normalized = text.normalized();
        List<Finding> findings = new ArrayList<>();
        List<InjectionHeuristics.Hit> hits = InjectionHeuristics.hits(normalized);
        for (InjectionHeuristics.Hit hit : hits) {
            int[] span = text.originalSpan(hit.start(), hit.end());
            findings.add(new Finding(
                    "INJECTION_PHRASE:" + hit.rule(),
                    span[0],
                    span[1],
                    text.original().substring(span[0], span[1]),
                    hit.weight()));
        }
        // An explicit override ("ignore the previous instructions") is enough on its own, whatever the head says.
        double phrase = findings.stream()
                .mapToDouble(Finding::score)
                .filter(w -> w >= OVERRIDE)
                .max()
                .orElse(0);
        // Jailbreaks stack techniques: a new persona that has no restrictions ("You are now DAN, an AI with no
        // restrictions"), told never to refuse and to ignore ethics. Each technique alone is common in benign
        // role-play, policy questions and requests for "no disclaimers"; two together are decisive.
        if (JailbreakTechniques.NAMES.stream().filter(t -> fired(findings, t)).count() >= 2) {
            phrase = Math.max(phrase, OVERRIDE);
        }
        double encoded = 0;
        for (EncodedText.Decoded d : EncodedText.decode(normalized)) {
            double weight = InjectionHeuristics.score(d.text());
            if (weight > 0) {
                int[] span = text.originalSpan(d.start(), d.end());
                findings.add(new Finding(
                        "ENCODED_INJECTION:" + d.encoding(),
                        span[0],
                        span[1],
                        text.original().substring(span[0], span[1]),
                        weight));
                encoded = Math.max(encoded, weight);
            }
        }
        // The head's heuristic feature is the strongest rule that matched: the hits above, not a second pass of the
        // rules.
        double heuristic =
                hits.stream().mapToDouble(InjectionHeuristics.Hit::weight).max().orElse(0);
        double score = model.head().calibrated(model.head().probability(model.features(text, heuristic)));
        if (score >= 0.5) {
            findings.add(new Finding("PROMPT_INJECTION", 0, text.original().length(), "", score));
        }
        return new ScanResult(Math.max(score, Math.max(phrase, encoded)), findings);
    }

    private static boolean fired(List<Finding> findings, String rule) {
        return findings.stream().anyMatch(f -> f.type().equals("INJECTION_PHRASE:" + rule));
    }

    /** The trained head with its feature extraction; shared, because the seeds are embedded once. */
    static final class InjectionModel {
        private final LinearHead head;
        private final List<float[]> seeds;

        InjectionModel(LinearHead head, List<String> seedTexts) {
            this.head = head;
            this.seeds = seedTexts.stream().map(Embeddings::embed).toList();
        }

        LinearHead head() {
            return head;
        }

        /** The features the head was trained on: embedding, heuristic score, nearest-seed similarity. */
        float[] features(ScanText text) {
            return features(text, InjectionHeuristics.score(text.normalized()));
        }

        /** The same, with the heuristic score ({@link InjectionHeuristics#score}) already known. */
        float[] features(ScanText text, double heuristic) {
            float[] embedding = text.embedding();
            double similarity = 0;
            for (float[] seed : seeds) {
                similarity = Math.max(similarity, Embeddings.dot(embedding, seed));
            }
            return LinearHead.features(embedding, heuristic, similarity);
        }
    }
}

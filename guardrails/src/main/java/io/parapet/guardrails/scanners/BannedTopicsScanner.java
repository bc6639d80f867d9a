package io.parapet.guardrails.scanners;

import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.classify.Embeddings;
import io.parapet.guardrails.classify.LinearHead;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.Scanner;
import java.util.List;

/**
 * Banned topics by meaning, not words: the text's MiniLM embedding is compared with each topic's description. The
 * score is the best cosine similarity, calibrated so that {@code minSimilarity} lands on 0.5 (the policy default).
 */
final class BannedTopicsScanner implements Scanner {
    record Topic(String description, float[] embedding) {}

    private final List<Topic> topics;
    private final double minSimilarity;

    BannedTopicsScanner(List<String> descriptions, double minSimilarity) {
        this.topics = descriptions.stream()
                .map(d -> new Topic(d, Embeddings.embed(d)))
                .toList();
        this.minSimilarity = minSimilarity;
    }

    @Override
    public ScanResult scan(ScanText text, ScanContext context) {
        if (!text.hasContent()) {
            return ScanResult.CLEAN;
        }
        Topic best = null;
        double similarity = 0;
        for (Topic topic : topics) {
            double s = Embeddings.dot(text.embedding(), topic.embedding());
            if (s > similarity) {
                similarity = s;
                best = topic;
            }
        }
        double score = LinearHead.calibrate(similarity, minSimilarity);
        if (best == null || score < 0.5) {
            return new ScanResult(score, List.of());
        }
        return new ScanResult(
                score, List.of(new Finding("BANNED_TOPIC", 0, text.original().length(), best.description(), score)));
    }
}

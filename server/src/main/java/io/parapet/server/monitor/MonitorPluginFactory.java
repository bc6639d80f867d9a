package io.parapet.server.monitor;

import io.micronaut.context.annotation.Factory;
import io.parapet.guardrails.AnonymizationVault;
import io.parapet.guardrails.Direction;
import io.parapet.guardrails.GuardrailEngine;
import io.parapet.guardrails.Policy;
import io.parapet.guardrails.PolicyDocument;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScannerCatalog;
import io.parapet.guardrails.ScannerOutcome;
import io.parapet.guardrails.classify.Embeddings;
import io.parapet.streaming.monitor.TextEmbedder;
import io.parapet.streaming.monitor.TextScorer;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * What the monitors borrow from the guardrails: the toxicity model, for answers that arrive without a score, and
 * the MiniLM embedder the scanners use, for semantic drift (one model in memory for both).
 */
@Factory
class MonitorPluginFactory {
    @Singleton
    TextScorer toxicity(GuardrailEngine engine, ScannerCatalog catalog) {
        Policy policy = oneScanner(Map.of("type", "toxicity", "action", "warn"), catalog);
        ScanContext context = new ScanContext(Direction.OUTPUT, null, null);
        return text -> engine.scan(policy, text, context, new AnonymizationVault()).outcomes().stream()
                .mapToDouble(ScannerOutcome::score)
                .max()
                .orElse(0);
    }

    /** A policy of one scanner, for the monitors' own scoring and checks (never a user's policy). */
    static Policy oneScanner(Map<String, Object> scanner, ScannerCatalog catalog) {
        return Policy.compile(
                PolicyDocument.of(Map.of("scanners", List.of(scanner))).toDefinition(), catalog);
    }

    @Singleton
    TextEmbedder embeddings() {
        return Embeddings::embed;
    }
}

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
import io.parapet.streaming.monitor.TextScorer;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** The monitors score answers that arrive without a toxicity score with the guardrails' own toxicity model. */
@Factory
class ToxicityScorerFactory {
    @Singleton
    TextScorer toxicity(GuardrailEngine engine, ScannerCatalog catalog) {
        Policy policy = Policy.compile(
                PolicyDocument.of(Map.of("scanners", List.of(Map.of("type", "toxicity", "action", "warn"))))
                        .toDefinition(),
                catalog);
        ScanContext context = new ScanContext(Direction.OUTPUT, null, null);
        return text -> engine.scan(policy, text, context, new AnonymizationVault()).outcomes().stream()
                .mapToDouble(ScannerOutcome::score)
                .max()
                .orElse(0);
    }
}

package io.parapet.server.guardrails;

import io.parapet.core.Text;
import io.parapet.gateway.PolicyResolver;
import io.parapet.guardrails.AnonymizationVault;
import io.parapet.guardrails.Direction;
import io.parapet.guardrails.GuardrailEngine;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.Verdict;
import io.parapet.ui.spi.GuardrailTrial;
import jakarta.inject.Singleton;

/** The UI's "try a policy" box: the same resolution and engine as {@code POST /api/v1/guardrails/scan}. */
@Singleton
class UiGuardrailTrial implements GuardrailTrial {
    private final GuardrailEngine engine;
    private final PolicyResolver policies;

    UiGuardrailTrial(GuardrailEngine engine, PolicyResolver policies) {
        this.engine = engine;
        this.policies = policies;
    }

    @Override
    public Verdict scan(String policy, Direction direction, String text) {
        Text.requireStorable(text, "text");
        return engine.scan(
                policies.resolve(policy).policy(),
                text,
                new ScanContext(direction, null, null),
                new AnonymizationVault());
    }
}

package io.parapet.server.guardrails;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.parapet.core.ParapetException;
import io.parapet.core.Text;
import io.parapet.gateway.PolicyResolver;
import io.parapet.guardrails.AnonymizationVault;
import io.parapet.guardrails.Direction;
import io.parapet.guardrails.GuardrailEngine;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.Verdict;
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.VersionRef;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;

/** Runs a guardrail policy over a text. Read-only, so viewers and chat keys may call it. */
@Controller("/api/v1/guardrails")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "guardrails")
class GuardrailController {
    private final GuardrailEngine engine;
    private final PolicyResolver policies;
    private final PromptService prompts;

    GuardrailController(GuardrailEngine engine, PolicyResolver policies, PromptService prompts) {
        this.engine = engine;
        this.policies = policies;
        this.prompts = prompts;
    }

    @Operation(
            summary =
                    "Scan a text with the default policy, a stored one (name@label, name#version), an inline one, or"
                            + " the policy a prompt version runs under; returns the verdict, findings, sanitized text and timings")
    @Post("/scan")
    @Secured({"viewer", "chat"})
    ScanResponse scan(@Body ScanRequest request) {
        if (request == null || request.text() == null) {
            throw ParapetException.invalidField("text", "is required (it may be empty)");
        }
        Text.requireStorable(request.text(), "text");
        Direction direction = direction(request.direction());
        PolicyResolver.Resolved policy;
        String promptVersion = null;
        if (request.prompt() != null) {
            if (request.policy() != null) {
                throw ParapetException.invalid("give either policy or prompt, not both");
            }
            VersionRef ref = VersionRef.parse(request.prompt(), "prompt");
            PromptVersion version = prompts.resolve(ref.prompt(), ref.label(), ref.version());
            policy = policies.forPrompt(version);
            promptVersion = version.name() + "#" + version.version();
        } else {
            policy = policies.resolve(request.policy());
        }
        ScanContext context = new ScanContext(direction, promptVersion, request.renderedPrompt());
        Verdict v = engine.scan(policy.policy(), request.text(), context, new AnonymizationVault());
        return new ScanResponse(policy.source(), v.blocked(), v.blockedBy(), v.sanitized(), v.outcomes(), v.micros());
    }

    private static Direction direction(String direction) {
        return switch (direction == null ? "input" : direction.toLowerCase(Locale.ROOT)) {
            case "input" -> Direction.INPUT;
            case "output" -> Direction.OUTPUT;
            default -> throw ParapetException.invalidField("direction", "must be input or output");
        };
    }
}

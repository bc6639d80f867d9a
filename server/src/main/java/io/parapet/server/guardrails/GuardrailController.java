package io.parapet.server.guardrails;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.parapet.core.ParapetException;
import io.parapet.core.Text;
import io.parapet.guardrails.AnonymizationVault;
import io.parapet.guardrails.Direction;
import io.parapet.guardrails.GuardrailEngine;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.Verdict;
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

    GuardrailController(GuardrailEngine engine, PolicyResolver policies) {
        this.engine = engine;
        this.policies = policies;
    }

    @Operation(
            summary = "Scan a text with the default policy, a stored one (name@label, name#version) or an inline one;"
                    + " returns the verdict, findings, sanitized text and timings")
    @Post("/scan")
    @Secured({"viewer", "chat"})
    ScanResponse scan(@Body ScanRequest request) {
        if (request == null || request.text() == null) {
            throw ParapetException.invalidField("text", "is required (it may be empty)");
        }
        Text.requireStorable(request.text(), "text");
        Verdict v = engine.scan(
                policies.resolve(request.policy()), request.text(), context(request), new AnonymizationVault());
        return new ScanResponse(v.blocked(), v.blockedBy(), v.sanitized(), v.outcomes(), v.micros());
    }

    private static ScanContext context(ScanRequest request) {
        String direction =
                request.direction() == null ? "input" : request.direction().toLowerCase(Locale.ROOT);
        return switch (direction) {
            case "input" -> new ScanContext(Direction.INPUT, null, request.renderedPrompt());
            case "output" -> new ScanContext(Direction.OUTPUT, null, request.renderedPrompt());
            default -> throw ParapetException.invalidField("direction", "must be input or output");
        };
    }
}

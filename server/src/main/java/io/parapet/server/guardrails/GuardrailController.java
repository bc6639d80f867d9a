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
import io.parapet.guardrails.Policy;
import io.parapet.guardrails.PolicyDocument;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScannerCatalog;
import io.parapet.guardrails.Verdict;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;
import java.util.Locale;
import java.util.Map;

/** Runs a guardrail policy over a text. Read-only, so viewers and chat keys may call it. */
@Controller("/api/v1/guardrails")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "guardrails")
class GuardrailController {
    private final GuardrailEngine engine;
    private final ScannerCatalog catalog;
    private final Policy defaultPolicy;

    GuardrailController(
            GuardrailEngine engine, ScannerCatalog catalog, @Named(PolicyDocument.DEFAULT) Policy defaultPolicy) {
        this.engine = engine;
        this.catalog = catalog;
        this.defaultPolicy = defaultPolicy;
    }

    @Operation(
            summary =
                    "Scan a text with the default policy or an inline one; returns the verdict, findings and sanitized text")
    @Post("/scan")
    @Secured({"viewer", "chat"})
    ScanResponse scan(@Body ScanRequest request) {
        if (request == null || request.text() == null) {
            throw ParapetException.invalidField("text", "is required (it may be empty)");
        }
        Text.requireStorable(request.text(), "text");
        Verdict v = engine.scan(policy(request.policy()), request.text(), context(request), new AnonymizationVault());
        return new ScanResponse(v.blocked(), v.blockedBy(), v.sanitized(), v.outcomes(), v.micros());
    }

    private Policy policy(Object policy) {
        if (policy == null || PolicyDocument.DEFAULT.equals(policy)) {
            return defaultPolicy;
        }
        if (policy instanceof Map<?, ?> inline) {
            return Policy.compile(PolicyDocument.of(inline).toDefinition(), catalog);
        }
        throw ParapetException.invalidField(
                "policy",
                "must be \"default\" or an inline policy object;"
                        + " stored, versioned policies are not available yet");
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

package io.parapet.server.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.guardrails.AnonymizationVault;
import io.parapet.guardrails.Direction;
import io.parapet.guardrails.GuardrailEngine;
import io.parapet.guardrails.Policy;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScannerCatalog;
import io.parapet.guardrails.ScannerOutcome;
import io.parapet.streaming.monitor.Completion;
import io.parapet.streaming.monitor.online.CheckResult;
import io.parapet.streaming.monitor.online.OnlineCheck;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Online check of answers that were asked for JSON ({@code response_format} {@code json_object} or
 * {@code json_schema}): valid JSON, and valid against the schema when there is one. It runs the guardrails' own
 * {@code json} scanner, so live checks and the gateway's output policy judge a document the same way.
 */
@Singleton
class JsonFormatCheck implements OnlineCheck {
    /** Compiled policies by schema; prompts have few distinct schemas, the bound only guards against abuse. */
    private static final int MAX_SCHEMAS = 256;

    private final GuardrailEngine engine;
    private final ScannerCatalog catalog;
    private final Map<String, Policy> policies = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Policy> eldest) {
            return size() > MAX_SCHEMAS;
        }
    };

    JsonFormatCheck(GuardrailEngine engine, ScannerCatalog catalog) {
        this.engine = engine;
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public Optional<CheckResult> evaluate(Completion c) {
        if (c.responseFormat() == null || c.blocked() || c.failed()) {
            return Optional.empty();
        }
        JsonNode format = Json.read(c.responseFormat());
        String type = format.path("type").asText();
        if (!type.equals("json_object") && !type.equals("json_schema")) {
            return Optional.empty();
        }
        JsonNode schema = format.path("json_schema").path("schema");
        ScannerOutcome outcome = engine.scan(
                        policy(schema.isObject() ? Json.write(schema) : ""),
                        c.output(),
                        new ScanContext(Direction.OUTPUT, null, null),
                        new AnonymizationVault())
                .outcomes()
                .get(0);
        if (!outcome.triggered()) {
            return Optional.of(CheckResult.pass(schema.isObject() ? "valid against the schema" : "valid JSON"));
        }
        String problems = outcome.findings().stream()
                .map(f -> f.type().equals("INVALID_JSON") ? "not valid JSON" : f.text())
                .distinct()
                .limit(5)
                .collect(Collectors.joining("; "));
        return Optional.of(CheckResult.fail(problems));
    }

    private synchronized Policy policy(String schema) {
        return policies.computeIfAbsent(schema, s -> {
            Map<String, Object> scanner = new LinkedHashMap<>();
            scanner.put("type", "json");
            scanner.put("action", "warn");
            if (!s.isEmpty()) {
                scanner.put("schema", Json.mapper().convertValue(Json.read(s), Map.class));
            }
            return MonitorPluginFactory.oneScanner(scanner, catalog);
        });
    }
}

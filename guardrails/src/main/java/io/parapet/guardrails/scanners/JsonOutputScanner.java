package io.parapet.guardrails.scanners;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.parapet.core.Json;
import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.Scanner;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Output that must be JSON: invalid JSON scores 1 ({@code INVALID_JSON}); with a schema, each violation is a
 * {@code SCHEMA_VIOLATION} finding. A fenced block ({@code ```json … ```}) is read from inside the fence.
 */
final class JsonOutputScanner implements Scanner {
    private final JsonSchema schema;

    JsonOutputScanner(JsonSchema schema) {
        this.schema = schema;
    }

    @Override
    public ScanResult scan(ScanText text, ScanContext context) {
        String body = unfenced(text.original());
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (IOException e) {
            return ScanResult.of(List.of(whole(text, "INVALID_JSON", 1.0)));
        }
        if (json == null || json.isMissingNode()) {
            return ScanResult.of(List.of(whole(text, "INVALID_JSON", 1.0)));
        }
        if (schema == null) {
            return ScanResult.CLEAN;
        }
        Set<ValidationMessage> problems = schema.validate(json);
        return ScanResult.of(problems.stream()
                .map(m -> new Finding("SCHEMA_VIOLATION", 0, text.original().length(), m.getMessage(), 1.0))
                .toList());
    }

    private static Finding whole(ScanText text, String type, double score) {
        return new Finding(type, 0, text.original().length(), text.original(), score);
    }

    private static String unfenced(String s) {
        String t = s.strip();
        if (t.startsWith("```")) {
            int firstLine = t.indexOf('\n');
            int close = t.lastIndexOf("```");
            if (firstLine > 0 && close > firstLine) {
                return t.substring(firstLine + 1, close);
            }
        }
        return t;
    }
}

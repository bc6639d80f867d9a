package io.parapet.guardrails.scanners;

import com.networknt.schema.JsonSchema;
import io.parapet.core.ConfigValues;
import io.parapet.core.Json;
import io.parapet.core.JsonSchemas;
import io.parapet.guardrails.spi.Scanner;
import java.util.List;
import java.util.Map;

/** Factories of the output-only scanners. */
public final class OutputScannerFactories {
    private OutputScannerFactories() {}

    /** {@code json}: optional {@code schema} (a JSON Schema 2020-12 object). */
    public static final class JsonOutput extends NamedScannerFactory {
        public JsonOutput() {
            super("json", "schema");
        }

        @Override
        public Scanner create(Map<String, Object> config) {
            Object schema = config.get("schema");
            if (schema == null) {
                return new JsonOutputScanner(null);
            }
            if (!(schema instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("'schema' must be a JSON Schema object");
            }
            try {
                JsonSchema compiled = JsonSchemas.compile(Json.mapper().valueToTree(schema));
                return new JsonOutputScanner(compiled);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'schema' is not a usable JSON Schema: " + e.getMessage());
            }
        }
    }

    /** {@code urls}: {@code allow} (domains whose links pass; empty or absent means no links at all). */
    public static final class Urls extends NamedScannerFactory {
        public Urls() {
            super("urls", "allow");
        }

        @Override
        public Scanner create(Map<String, Object> config) {
            return new UrlScanner(ConfigValues.strings(config, "allow", List.of()));
        }
    }

    /** {@code pii-leakage}: the {@code pii} configuration ({@code entities}, {@code region}). */
    public static final class PiiLeakage extends NamedScannerFactory {
        public PiiLeakage() {
            super("pii-leakage", "entities", "region");
        }

        @Override
        public Scanner create(Map<String, Object> config) {
            return new PiiLeakageScanner(new PiiScannerFactory().create(config));
        }
    }

    /** {@code prompt-leakage}: {@code minWords} (default 8) and {@code canaries} (tokens planted in the prompt). */
    public static final class PromptLeakage extends NamedScannerFactory {
        public PromptLeakage() {
            super("prompt-leakage", "minWords", "canaries");
        }

        @Override
        public Scanner create(Map<String, Object> config) {
            Object minWords = config.getOrDefault("minWords", 8);
            if (!(minWords instanceof Integer n) || n < 3 || n > 100) {
                throw new IllegalArgumentException("'minWords' must be a whole number from 3 to 100");
            }
            List<String> canaries = ConfigValues.strings(config, "canaries", List.of());
            if (canaries.stream().anyMatch(c -> c.strip().length() < 4)) {
                throw new IllegalArgumentException("each of 'canaries' must be at least 4 visible characters");
            }
            return new PromptLeakageScanner(n, canaries);
        }
    }
}

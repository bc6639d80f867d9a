package io.parapet.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.parapet.core.ParapetException;
import java.util.Arrays;

/** Model providers. {@code openai} covers any OpenAI-compatible base URL (vLLM, Ollama's /v1, LM Studio, TGI). */
@io.micronaut.serde.annotation.Serdeable
public enum Provider {
    OPENAI("openai", "https://api.openai.com/v1"),
    ANTHROPIC("anthropic", "https://api.anthropic.com"),
    OLLAMA("ollama", "http://localhost:11434"),
    AZURE_OPENAI("azure-openai", null),
    /** Built-in development provider: answers deterministically from the prompt, with no network. */
    ECHO("echo", null);

    private final String wire;
    private final String defaultBaseUrl;

    Provider(String wire, String defaultBaseUrl) {
        this.wire = wire;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    public boolean isDevelopment() {
        return this == ECHO;
    }

    @JsonCreator
    public static Provider parse(String value) {
        return Arrays.stream(values())
                .filter(p -> p.wire.equals(value))
                .findFirst()
                .orElseThrow(() -> ParapetException.invalidField(
                        "provider",
                        "'" + value + "' is not one of "
                                + Arrays.stream(values()).map(Provider::wire).toList()));
    }
}

package io.parapet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.core.JsonSchemas;
import io.parapet.guardrails.Action;
import io.parapet.guardrails.ScannerOutcome;
import io.parapet.registry.ModelVersion;
import io.parapet.registry.Provider;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the gateway writes is the published v1 contract: its event data validates against the JSON Schema and has the
 * golden event's fields, and a text past the size limit is cut with its full length beside it.
 */
class CompletionEventContractTest {
    private static final Path SCHEMA = Path.of("../docs/events/parapet.chat.completion.v1.schema.json");

    private static CompletionTrace trace(String input) {
        CompletionTrace trace = new CompletionTrace("support-app", "7", false);
        trace.prompt("support/bot", 3);
        trace.model(model("gpt-4o-mini", 2), "support/strict#4");
        trace.responseFormat(Map.of("type", "json_object"));
        trace.input(input);
        trace.verdicts(
                "input",
                input,
                List.of(new ScannerOutcome("pii", Action.REDACT, 1.0, 0.5, true, true, List.of(), null, 120)));
        trace.upstreamStarted();
        trace.output("Your order left the warehouse yesterday.");
        trace.tokens(41, 17);
        trace.end(CompletionTrace.Ending.STOP, null);
        return trace;
    }

    static ModelVersion model(String name, int version) {
        return new ModelVersion(
                name,
                version,
                Provider.OPENAI,
                "m",
                "http://x",
                null,
                false,
                false,
                "c",
                "a",
                Instant.EPOCH,
                "h",
                null);
    }

    @Test
    void the_event_the_gateway_writes_is_the_published_v1() throws Exception {
        JsonNode written = Json.mapper()
                .valueToTree(trace("Where is my order?").close(10_000).event());
        JsonNode schema = Json.mapper().readTree(Files.readString(SCHEMA));
        assertThat(JsonSchemas.compile(schema).validate(written)).isEmpty();
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/events/parapet.chat.completion.v1.golden.json")) {
            golden = Json.mapper().readTree(in).get("data");
        }
        assertThat(fields(written)).isEqualTo(fields(golden));
        assertThat(written.at("/guardrails/0/action").asText()).isEqualTo("redact");
    }

    @Test
    void a_text_past_the_limit_is_cut_and_its_length_kept() {
        String longInput = "x".repeat(50);
        var event = trace(longInput).close(20).event();
        assertThat(event.input()).startsWith("x".repeat(20)).endsWith("[truncated]");
        assertThat(event.inputChars()).isEqualTo(50);
        assertThat(event.outputChars()).isEqualTo(40);
        assertThat(event.responseFormat())
                .as("22 characters of schema: too large to carry")
                .isNull();
        assertThat(event.responseFormatChars()).isEqualTo(22);
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

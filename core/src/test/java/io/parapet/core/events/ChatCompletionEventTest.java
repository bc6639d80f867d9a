package io.parapet.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parapet.core.Json;
import io.parapet.core.JsonSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The {@code parapet.chat.completion.v1} contract: the golden event reads into the record and writes back unchanged,
 * matches the published JSON Schema, and a reader takes events with fields it does not know and names what is
 * missing.
 */
class ChatCompletionEventTest {
    static final Path SCHEMA = Path.of("../docs/events/parapet.chat.completion.v1.schema.json");

    static JsonNode golden() throws IOException {
        try (InputStream in =
                ChatCompletionEventTest.class.getResourceAsStream("/events/parapet.chat.completion.v1.golden.json")) {
            return Json.mapper().readTree(in);
        }
    }

    @Test
    void the_golden_event_reads_into_the_record_and_writes_back_unchanged() throws Exception {
        JsonNode data = golden().get("data");
        ChatCompletionEvent event = Json.mapper().treeToValue(data, ChatCompletionEvent.class);
        assertThat(event.prompt()).isEqualTo("support/bot");
        assertThat(event.promptVersion()).isEqualTo(3);
        assertThat(event.timings().totalMs()).isEqualTo(812.37);
        assertThat(event.timings().firstTokenMs()).isNull();
        assertThat(event.guardrails()).hasSize(3);
        assertThat(event.guardrails().get(0).action()).isEqualTo("redact");
        assertThat(event.missing()).isEmpty();
        assertThat((JsonNode) Json.mapper().valueToTree(event)).isEqualTo(data);
    }

    @Test
    void the_golden_event_and_the_schema_agree() throws Exception {
        JsonNode schema = Json.mapper().readTree(Files.readString(SCHEMA));
        assertThat(JsonSchemas.metaSchema().validate(schema)).isEmpty();
        assertThat(JsonSchemas.compile(schema).validate(golden().get("data"))).isEmpty();
        ObjectNode wrong = golden().get("data").deepCopy();
        wrong.put("finishReason", "exploded");
        wrong.remove("tokens");
        assertThat(JsonSchemas.compile(schema).validate(wrong)).hasSize(2);
    }

    @Test
    void a_reader_takes_unknown_fields_and_names_what_is_missing() throws Exception {
        ObjectNode newer = golden().get("data").deepCopy();
        newer.put("addedInALaterRelease", true);
        ((ObjectNode) newer.get("timings")).put("queueMs", 1.5);
        assertThat(Json.mapper().treeToValue(newer, ChatCompletionEvent.class).missing())
                .isEmpty();

        ObjectNode older = golden().get("data").deepCopy();
        older.remove("timings");
        older.remove("finishReason");
        assertThat(Json.mapper().treeToValue(older, ChatCompletionEvent.class).missing())
                .containsExactly("missing field 'timings' (an object)", "missing field 'finishReason' (a string)");
    }
}

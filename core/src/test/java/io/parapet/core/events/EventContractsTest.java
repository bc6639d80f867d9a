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
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every event type but the completion (which has its own test) has one record, one published JSON Schema and one
 * golden event: the golden event reads into the record and writes back unchanged, the schema accepts it and the
 * meta-schema accepts the schema, and a reader of v1 takes an event with fields it does not know yet.
 */
class EventContractsTest {
    private static final Map<EventType, Class<?>> RECORDS = Map.of(
            EventType.FEEDBACK, FeedbackEvent.class,
            EventType.PROMPT_CHANGE, PromptChangeEvent.class,
            EventType.ROLLOUT, RolloutEvent.class,
            EventType.EVAL_RESULT, EvalResultEvent.class,
            EventType.EVAL_JUDGEMENT, EvalJudgementEvent.class,
            EventType.DEAD_LETTER, DeadLetterEvent.class);

    private static JsonNode golden(EventType type) throws IOException {
        try (InputStream in = EventContractsTest.class.getResourceAsStream("/events/" + type.type() + ".golden.json")) {
            assertThat(in).as("golden event for " + type.type()).isNotNull();
            return Json.mapper().readTree(in);
        }
    }

    private static JsonNode schema(EventType type) throws IOException {
        return Json.mapper().readTree(Files.readString(Path.of("../docs/events/" + type.type() + ".schema.json")));
    }

    /** As a consumer reads it: through the text, so a {@code long} 7 and an {@code int} 7 are the same. */
    private static JsonNode written(Object event) throws IOException {
        return Json.mapper().readTree(Json.mapper().writeValueAsString(event));
    }

    @ParameterizedTest
    @EnumSource(names = {"FEEDBACK", "PROMPT_CHANGE", "ROLLOUT", "EVAL_RESULT", "EVAL_JUDGEMENT", "DEAD_LETTER"})
    void the_golden_event_reads_into_its_record_and_writes_back_unchanged(EventType type) throws Exception {
        JsonNode golden = golden(type);
        assertThat(golden.get("type").asText()).isEqualTo(type.type());
        Object event = Json.mapper().treeToValue(golden.get("data"), RECORDS.get(type));
        assertThat(written(event)).isEqualTo(golden.get("data"));
    }

    @ParameterizedTest
    @EnumSource(names = {"FEEDBACK", "PROMPT_CHANGE", "ROLLOUT", "EVAL_RESULT", "EVAL_JUDGEMENT", "DEAD_LETTER"})
    void the_golden_event_and_the_published_schema_agree(EventType type) throws Exception {
        JsonNode schema = schema(type);
        assertThat(JsonSchemas.metaSchema().validate(schema)).isEmpty();
        JsonNode data = golden(type).get("data");
        assertThat(JsonSchemas.compile(schema).validate(data)).isEmpty();

        ObjectNode broken = data.deepCopy();
        broken.remove(schema.get("required").get(0).asText());
        assertThat(JsonSchemas.compile(schema).validate(broken))
                .as("an event without its first required field is refused")
                .isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(names = {"FEEDBACK", "PROMPT_CHANGE", "ROLLOUT", "EVAL_RESULT", "EVAL_JUDGEMENT", "DEAD_LETTER"})
    void a_reader_of_v1_takes_fields_added_later(EventType type) throws Exception {
        ObjectNode newer = golden(type).get("data").deepCopy();
        newer.put("addedInALaterRelease", true);
        Object event = Json.mapper().treeToValue(newer, RECORDS.get(type));
        assertThat(written(event)).isEqualTo(golden(type).get("data"));
    }
}

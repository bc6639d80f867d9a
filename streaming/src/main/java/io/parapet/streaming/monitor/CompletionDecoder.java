package io.parapet.streaming.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.core.events.ChatCompletionEvent;
import io.parapet.core.events.EventType;
import io.parapet.streaming.monitor.drift.CategoricalFeature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads a completion event's bytes, or says exactly why it cannot: not JSON, not a CloudEvent 1.0, an unknown type
 * or schema version, or a missing field. Never throws, so one bad record cannot stop a stream thread.
 */
public final class CompletionDecoder {
    /** A decoded completion, or the reason the record goes to the dead-letter topic. */
    public sealed interface Decoded permits Ok, Rejected {}

    public record Ok(Completion completion) implements Decoded {}

    public record Rejected(String reason) implements Decoded {}

    private CompletionDecoder() {}

    public static Decoded decode(byte[] value) {
        if (value == null) {
            return new Rejected("empty record (no value)");
        }
        JsonNode event;
        try {
            event = Json.mapper().readTree(value);
        } catch (Exception e) {
            return new Rejected(
                    "invalid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (event == null || !event.isObject()) {
            return new Rejected("not a JSON object");
        }
        if (!"1.0".equals(event.path("specversion").asText(null))) {
            return new Rejected("not a CloudEvent 1.0 (specversion is " + event.path("specversion") + ")");
        }
        String type = event.path("type").asText("");
        if (!type.equals(EventType.CHAT_COMPLETION.type())) {
            return new Rejected("unknown event type or schema version '" + type + "'; this monitor reads "
                    + EventType.CHAT_COMPLETION.type());
        }
        try {
            return new Ok(completion(event));
        } catch (MissingField e) {
            return new Rejected(e.getMessage());
        }
    }

    private static Completion completion(JsonNode event) {
        Instant time = time(event);
        ChatCompletionEvent data;
        try {
            data = Json.mapper().treeToValue(object(event, "data"), ChatCompletionEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MissingField("the data is not a chat completion: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        List<String> missing = data.missing();
        if (!missing.isEmpty()) {
            throw new MissingField(String.join("; ", missing));
        }
        String model = data.model() == null ? "unknown" : data.model();
        String subject = data.prompt() != null && data.promptVersion() != null
                ? data.prompt() + "#" + data.promptVersion()
                : "model:" + model;
        Double toxicity = null;
        Double inputToxicity = null;
        for (ChatCompletionEvent.Verdict v : data.guardrails()) {
            if (v.scanner().equals("toxicity")) {
                if (v.direction().equals("output")) {
                    toxicity = v.score();
                } else if (v.direction().equals("input")) {
                    inputToxicity = v.score();
                }
            }
        }
        String input = data.input() == null ? "" : data.input();
        return new Completion(
                text(event, "id"),
                subject,
                data.prompt(),
                data.promptVersion(),
                time,
                data.finishReason(),
                data.timings().totalMs(),
                data.tokens().input(),
                data.tokens().output(),
                List.copyOf(data.guardrails()),
                toxicity,
                inputToxicity,
                CategoricalFeature.script(input),
                input,
                data.output() == null ? "" : data.output(),
                data.responseFormat() != null && data.responseFormat().isObject()
                        ? Json.write(data.responseFormat())
                        : null,
                null);
    }

    private static Instant time(JsonNode event) {
        String time = text(event, "time");
        try {
            return java.time.OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new MissingField("'time' is not an RFC 3339 timestamp: " + time);
        }
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new MissingField("missing field '" + field + "' (an object)");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new MissingField("missing field '" + field + "' (a string)");
        }
        return value.asText();
    }

    private static final class MissingField extends RuntimeException {
        MissingField(String message) {
            super(message, null, false, false);
        }
    }
}

package io.parapet.streaming.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.core.events.EventType;
import io.parapet.streaming.monitor.drift.CategoricalFeature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
        JsonNode data = object(event, "data");
        String prompt = data.path("prompt").isTextual() ? data.get("prompt").asText() : null;
        Integer version =
                data.path("promptVersion").isInt() ? data.get("promptVersion").asInt() : null;
        String model = data.path("model").asText("unknown");
        String subject = prompt != null && version != null ? prompt + "#" + version : "model:" + model;
        JsonNode timings = object(data, "timings");
        JsonNode tokens = object(data, "tokens");
        List<Completion.Verdict> verdicts = new ArrayList<>();
        Double toxicity = null;
        for (JsonNode v : array(data, "guardrails")) {
            Completion.Verdict verdict = new Completion.Verdict(
                    text(v, "direction"),
                    text(v, "scanner"),
                    v.path("action").asText(""),
                    number(v, "score"),
                    v.path("triggered").asBoolean(false));
            verdicts.add(verdict);
            if (verdict.direction().equals("output") && verdict.scanner().equals("toxicity")) {
                toxicity = verdict.score();
            }
        }
        String input = data.path("input").asText("");
        JsonNode format = data.path("responseFormat");
        return new Completion(
                text(event, "id"),
                subject,
                prompt,
                version,
                time,
                text(data, "finishReason"),
                number(timings, "totalMs"),
                (int) number(tokens, "input"),
                (int) number(tokens, "output"),
                List.copyOf(verdicts),
                toxicity,
                CategoricalFeature.script(input),
                input,
                data.path("output").asText(""),
                format.isObject() ? Json.write(format) : null,
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

    private static JsonNode array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new MissingField("missing field '" + field + "' (an array)");
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

    private static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new MissingField("missing field '" + field + "' (a number)");
        }
        return value.asDouble();
    }

    private static final class MissingField extends RuntimeException {
        MissingField(String message) {
            super(message, null, false, false);
        }
    }
}

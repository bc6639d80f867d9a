package io.parapet.streaming.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parapet.core.Json;
import java.time.Instant;

/**
 * A monitor's finding about one window of one subject, with its evidence: the window, the value, the threshold and
 * the samples. {@code id} is stable (monitor, subject, window and its start), so a window reprocessed after a
 * restart produces the same alert, not a second one.
 */
public record Alert(
        String id,
        String monitor,
        String subject,
        String window,
        Instant windowStart,
        Instant windowEnd,
        double value,
        double threshold,
        long samples,
        String message) {

    public static Alert of(
            String monitor, WindowResult w, double value, double threshold, long samples, String message) {
        String id =
                monitor + "|" + w.subject() + "|" + w.window() + "|" + w.start().toEpochMilli();
        return new Alert(id, monitor, w.subject(), w.window(), w.start(), w.end(), value, threshold, samples, message);
    }

    public String toJson() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("id", id)
                .put("monitor", monitor)
                .put("subject", subject)
                .put("window", window)
                .put("windowStart", windowStart.toString())
                .put("windowEnd", windowEnd.toString())
                .put("value", value)
                .put("threshold", threshold)
                .put("samples", samples)
                .put("message", message);
        return Json.write(n);
    }

    public static Alert fromJson(String json) {
        JsonNode n = Json.read(json);
        return new Alert(
                n.path("id").asText(),
                n.path("monitor").asText(),
                n.path("subject").asText(),
                n.path("window").asText(),
                Instant.parse(n.path("windowStart").asText()),
                Instant.parse(n.path("windowEnd").asText()),
                n.path("value").asDouble(),
                n.path("threshold").asDouble(),
                n.path("samples").asLong(),
                n.path("message").asText());
    }
}

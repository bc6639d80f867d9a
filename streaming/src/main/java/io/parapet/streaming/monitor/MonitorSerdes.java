package io.parapet.streaming.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parapet.core.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serdes of the monitors' internal records: repartitioned completions and window aggregates. */
final class MonitorSerdes {
    private MonitorSerdes() {}

    static Serde<WindowStats> stats() {
        return of(WindowStats::toBytes, WindowStats::fromBytes);
    }

    static Serde<Completion> completion() {
        return of(MonitorSerdes::write, MonitorSerdes::read);
    }

    private static <T> Serde<T> of(Function<T, byte[]> write, Function<byte[], T> read) {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : write.apply(value),
                (topic, bytes) -> bytes == null ? null : read.apply(bytes));
    }

    private static byte[] write(Completion c) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("subject", c.subject())
                .put("prompt", c.prompt())
                .put("promptVersion", c.promptVersion())
                .put("time", c.time().toEpochMilli())
                .put("finishReason", c.finishReason())
                .put("totalMs", c.totalMs())
                .put("inputTokens", c.inputTokens())
                .put("outputTokens", c.outputTokens())
                .put("outputToxicity", c.outputToxicity())
                .put("output", c.output());
        ArrayNode verdicts = n.putArray("verdicts");
        for (Completion.Verdict v : c.verdicts()) {
            verdicts.addObject()
                    .put("direction", v.direction())
                    .put("scanner", v.scanner())
                    .put("action", v.action())
                    .put("score", v.score())
                    .put("triggered", v.triggered());
        }
        return Json.write(n).getBytes(StandardCharsets.UTF_8);
    }

    private static Completion read(byte[] bytes) {
        JsonNode n = Json.read(new String(bytes, StandardCharsets.UTF_8));
        List<Completion.Verdict> verdicts = new ArrayList<>();
        for (JsonNode v : n.path("verdicts")) {
            verdicts.add(new Completion.Verdict(
                    v.path("direction").asText(),
                    v.path("scanner").asText(),
                    v.path("action").asText(),
                    v.path("score").asDouble(),
                    v.path("triggered").asBoolean()));
        }
        return new Completion(
                n.path("subject").asText(),
                n.path("prompt").isNull() ? null : n.path("prompt").asText(),
                n.path("promptVersion").isNull()
                        ? null
                        : n.path("promptVersion").asInt(),
                Instant.ofEpochMilli(n.path("time").asLong()),
                n.path("finishReason").asText(),
                n.path("totalMs").asDouble(),
                n.path("inputTokens").asInt(),
                n.path("outputTokens").asInt(),
                List.copyOf(verdicts),
                n.path("outputToxicity").isNull()
                        ? null
                        : n.path("outputToxicity").asDouble(),
                n.path("output").asText(""));
    }
}

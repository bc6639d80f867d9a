package io.parapet.streaming.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parapet.core.Json;
import java.time.Instant;

/** Completion events as the gateway writes them (CloudEvents 1.0 JSON), for the monitors' tests. */
final class Events {
    private Events() {}

    static String completion(
            String prompt, int version, Instant at, String finishReason, Double toxicity, double totalMs) {
        return completion(prompt, version, at, finishReason, toxicity, totalMs, "hello", 12, "an answer");
    }

    static String completion(
            String prompt,
            int version,
            Instant at,
            String finishReason,
            Double toxicity,
            double totalMs,
            String input,
            int inputTokens,
            String output) {
        ObjectNode event = Json.mapper()
                .createObjectNode()
                .put("specversion", "1.0")
                .put("id", java.util.UUID.randomUUID().toString())
                .put("source", "/parapet/gateway")
                .put("type", "parapet.chat.completion.v1")
                .put("time", at.toString())
                .put("datacontenttype", "application/json");
        ObjectNode data = event.putObject("data");
        data.put("requestId", "chatcmpl-1").put("prompt", prompt).put("promptVersion", version);
        data.put("model", "echo").put("modelVersion", 1).put("finishReason", finishReason);
        data.putObject("timings").put("totalMs", totalMs).put("upstreamMs", totalMs / 2);
        data.putObject("tokens").put("input", inputTokens).put("output", 30);
        var guardrails = data.putArray("guardrails");
        guardrails
                .addObject()
                .put("direction", "input")
                .put("scanner", "prompt-injection")
                .put("action", "block")
                .put("score", finishReason.equals("input_blocked") ? 0.97 : 0.02)
                .put("triggered", finishReason.equals("input_blocked"));
        if (toxicity != null) {
            guardrails
                    .addObject()
                    .put("direction", "output")
                    .put("scanner", "toxicity")
                    .put("action", "block")
                    .put("score", toxicity)
                    .put("triggered", toxicity >= 0.5);
        }
        data.put("input", input).put("output", output);
        return Json.write(event);
    }

    /** The event with the input's toxicity verdict added, as a policy with the toxicity scanner writes it. */
    static String withInputToxicity(String completion, double score) {
        ObjectNode event = (ObjectNode) Json.read(completion);
        ((com.fasterxml.jackson.databind.node.ArrayNode) event.path("data").path("guardrails"))
                .addObject()
                .put("direction", "input")
                .put("scanner", "toxicity")
                .put("action", "block")
                .put("score", score)
                .put("triggered", score >= 0.5);
        return Json.write(event);
    }
}

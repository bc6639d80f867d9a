package io.parapet.server.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.parapet.core.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A stand-in for Anthropic's Messages API ({@code POST /v1/messages}), for tests only: answers with the last user
 * message, whole or as Anthropic's stream events, and remembers the last request and its key header.
 */
public final class MockAnthropic implements AutoCloseable {
    private final HttpServer server;
    private volatile JsonNode lastRequest;
    private volatile String lastKey;

    public MockAnthropic() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/messages", this::messages);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public JsonNode lastRequest() {
        return lastRequest;
    }

    public String lastKey() {
        return lastKey;
    }

    private void messages(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = Json.read(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastRequest = request;
            lastKey = exchange.getRequestHeaders().getFirst("x-api-key");
            String answer = lastUserText(request);
            if (request.path("stream").asBoolean(false)) {
                stream(exchange, answer);
                return;
            }
            ObjectNode body = Json.mapper().createObjectNode();
            body.put("id", "msg_mock").put("type", "message").put("role", "assistant");
            body.put("model", request.path("model").asText()).put("stop_reason", "end_turn");
            body.putArray("content").addObject().put("type", "text").put("text", answer);
            body.putObject("usage").put("input_tokens", 7).put("output_tokens", 3);
            byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void stream(HttpExchange exchange, String answer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        event(
                out,
                "message_start",
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_mock\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"content\":[],\"model\":\"m\",\"stop_reason\":null,"
                        + "\"usage\":{\"input_tokens\":7,\"output_tokens\":1}}}");
        event(
                out,
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        for (String piece : answer.split("(?<= )")) {
            ObjectNode delta = Json.mapper()
                    .createObjectNode()
                    .put("type", "content_block_delta")
                    .put("index", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", piece);
            event(out, "content_block_delta", Json.write(delta));
        }
        event(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        event(
                out,
                "message_delta",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":3}}");
        event(out, "message_stop", "{\"type\":\"message_stop\"}");
    }

    private static void event(OutputStream out, String name, String data) throws IOException {
        out.write(("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String lastUserText(JsonNode request) {
        String text = "";
        for (JsonNode m : request.path("messages")) {
            if (m.path("role").asText().equals("user")) {
                JsonNode content = m.path("content");
                if (content.isTextual()) {
                    text = content.asText();
                } else {
                    StringBuilder joined = new StringBuilder();
                    content.forEach(part -> joined.append(part.path("text").asText()));
                    text = joined.toString();
                }
            }
        }
        return text;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

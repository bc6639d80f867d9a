package io.parapet.server.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.parapet.core.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible model server for tests and benchmarks, never for users' traffic: {@code POST
 * /v1/chat/completions} (plain and server-sent events) and {@code GET /v1/models}. It answers with the last user
 * message, and misbehaves on request: latency with jitter, paced stream chunks, and a share of 500s, 429s (with
 * {@code Retry-After}) and malformed bodies. One virtual thread per request, so slow answers do not queue.
 */
public final class MockUpstream implements AutoCloseable {
    /** How the mock behaves; rates are fractions of requests in 0..1, drawn from a seeded random. */
    public record Behaviour(
            long latencyMillis,
            long jitterMillis,
            long chunkMillis,
            double failureRate,
            double rateLimitRate,
            double malformedRate,
            long seed) {
        public static Behaviour healthy(long latencyMillis) {
            return new Behaviour(latencyMillis, 0, 0, 0, 0, 0, 1);
        }
    }

    private final HttpServer server;
    private final AtomicLong requests = new AtomicLong();
    private volatile Behaviour behaviour;
    private final java.util.concurrent.atomic.AtomicInteger failuresLeft =
            new java.util.concurrent.atomic.AtomicInteger();
    private volatile int failStatus = 500;
    private volatile JsonNode lastRequest;
    private volatile com.sun.net.httpserver.Headers lastHeaders;
    private final Random random;

    public MockUpstream(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.random = new Random(behaviour.seed());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/v1/models", this::models);
        server.start();
    }

    /** The base URL an OpenAI client takes, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Chat requests received so far, failed ones included: retry tests count attempts with it. */
    public long requests() {
        return requests.get();
    }

    /** A header of the last chat request received. */
    public String lastHeader(String name) {
        return lastHeaders == null ? null : lastHeaders.getFirst(name);
    }

    /** The body of the last chat request received, as the upstream saw it. */
    public JsonNode lastRequest() {
        return lastRequest;
    }

    /** The next {@code count} chat requests fail with {@code status}, whatever the behaviour says. */
    public void failNext(int count, int status) {
        failStatus = status;
        failuresLeft.set(count);
    }

    /** Changes the behaviour for the requests that arrive from now on (an outage, a recovery). */
    public void behave(Behaviour next) {
        this.behaviour = next;
    }

    private void chat(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        Behaviour b = behaviour;
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                error(exchange, 405, "invalid_request_error", "use POST");
                return;
            }
            JsonNode request = Json.read(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastRequest = request;
            lastHeaders = exchange.getRequestHeaders();
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                error(exchange, failStatus, failStatus == 429 ? "rate_limit_exceeded" : "server_error", "told to fail");
                return;
            }
            sleep(b.latencyMillis() + (b.jitterMillis() > 0 ? draw(b.jitterMillis()) : 0));
            double roll = roll();
            if (roll < b.failureRate()) {
                error(exchange, 500, "server_error", "the mock failed on purpose");
            } else if (roll < b.failureRate() + b.rateLimitRate()) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                error(exchange, 429, "rate_limit_exceeded", "the mock is rate limiting on purpose");
            } else if (roll < b.failureRate() + b.rateLimitRate() + b.malformedRate()) {
                send(exchange, 200, "application/json", "{\"choices\": [ this is not JSON");
            } else if (request.path("stream").asBoolean(false)) {
                stream(exchange, request, b.chunkMillis());
            } else {
                send(exchange, 200, "application/json", Json.write(completion(request)));
            }
        }
    }

    private static ObjectNode completion(JsonNode request) {
        String answer = answer(request);
        ObjectNode body = Json.mapper().createObjectNode();
        JsonNode messages = request.path("messages");
        JsonNode last = messages.isEmpty() ? Json.mapper().createObjectNode() : messages.get(messages.size() - 1);
        if (request.path("tools").isArray() && last.path("role").asText().equals("user")) {
            return toolCall(request, last.path("content").asText());
        }
        if (last.path("role").asText().equals("tool")) {
            answer = "tool said: " + last.path("content").asText();
        }
        body.put("id", "chatcmpl-mock")
                .put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000);
        body.put("model", request.path("model").asText("mock"));
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", answer);
        ObjectNode usage = body.putObject("usage");
        int in = words(request.path("messages").toString());
        int out = words(answer);
        usage.put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
        return body;
    }

    /** The tool call in OpenAI's streamed form: name and id first, the arguments in a later delta. */
    private static void streamToolCall(OutputStream out, JsonNode request, String userText) throws IOException {
        String name = request.path("tools").get(0).path("function").path("name").asText();
        String first = "{\"id\":\"chatcmpl-mock\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":"
                + "\"function\",\"function\":{\"name\":\"" + name
                + "\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}";
        String arguments = Json.write(Json.mapper().createObjectNode().put("q", userText));
        ObjectNode second =
                Json.mapper().createObjectNode().put("id", "chatcmpl-mock").put("object", "chat.completion.chunk");
        ObjectNode choice = second.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta")
                .putArray("tool_calls")
                .addObject()
                .put("index", 0)
                .putObject("function")
                .put("arguments", arguments);
        choice.put("finish_reason", "tool_calls");
        for (String data : new String[] {first, Json.write(second), "[DONE]"}) {
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** Asks the caller to run the first tool offered, with the user's words as its argument. */
    private static ObjectNode toolCall(JsonNode request, String userText) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("id", "chatcmpl-mock")
                .put("object", "chat.completion")
                .put("model", request.path("model").asText());
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "tool_calls");
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        message.putNull("content");
        ObjectNode call =
                message.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function");
        call.putObject("function")
                .put(
                        "name",
                        request.path("tools")
                                .get(0)
                                .path("function")
                                .path("name")
                                .asText())
                .put("arguments", Json.write(Json.mapper().createObjectNode().put("q", userText)));
        body.putObject("usage")
                .put("prompt_tokens", 1)
                .put("completion_tokens", 1)
                .put("total_tokens", 2);
        return body;
    }

    /** Streams the answer word by word as chat.completion.chunk events, then {@code data: [DONE]}. */
    private static void stream(HttpExchange exchange, JsonNode request, long chunkMillis) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        JsonNode messages = request.path("messages");
        if (request.path("tools").isArray()
                && messages.get(messages.size() - 1).path("role").asText().equals("user")) {
            streamToolCall(
                    out,
                    request,
                    messages.get(messages.size() - 1).path("content").asText());
            return;
        }
        String[] pieces = answer(request).split("(?<= )");
        for (int i = 0; i < pieces.length; i++) {
            ObjectNode chunk = Json.mapper().createObjectNode();
            chunk.put("id", "chatcmpl-mock")
                    .put("object", "chat.completion.chunk")
                    .put("model", request.path("model").asText("mock"));
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0).putObject("delta").put("content", pieces[i]);
            choice.putNull("finish_reason");
            if (i == pieces.length - 1) {
                choice.put("finish_reason", "stop");
            }
            out.write(("data: " + Json.write(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            sleep(chunkMillis);
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void models(HttpExchange exchange) throws IOException {
        try (exchange) {
            ObjectNode body = Json.mapper().createObjectNode().put("object", "list");
            ArrayNode data = body.putArray("data");
            data.addObject().put("id", "mock-model").put("object", "model").put("owned_by", "parapet-tests");
            send(exchange, 200, "application/json", Json.write(body));
        }
    }

    private static String answer(JsonNode request) {
        JsonNode messages = request.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return messages.get(i).path("content").asText();
            }
        }
        return "";
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("error")
                .put("message", message)
                .put("type", type)
                .putNull("param")
                .putNull("code");
        send(exchange, status, "application/json", Json.write(body));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static int words(String text) {
        return text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }

    private synchronized double roll() {
        return random.nextDouble();
    }

    private synchronized long draw(long bound) {
        return random.nextLong(bound + 1);
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

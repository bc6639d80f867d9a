package io.parapet.server.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.sse.Event;
import io.parapet.core.Json;
import io.parapet.gateway.ChatGateway;
import io.parapet.gateway.ChatRequest;
import io.parapet.gateway.CompletionTrace;
import io.parapet.gateway.Upstream;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;

/**
 * A streamed answer as server-sent events in OpenAI's chunk format: the role first, then content deltas, then a
 * chunk with {@code finish_reason: stop}, a usage chunk when {@code stream_options.include_usage} asks for one, and
 * {@code [DONE]}. A guardrail block ends the stream with a {@code content_filter} chunk and an error event; an upstream
 * failure with an error event. Neither sends {@code [DONE]}, so clients see the answer as incomplete.
 */
final class ChunkStream {
    private final String id;
    private final long created = Instant.now().getEpochSecond();
    private final ChatRequest request;
    private final CompletionTrace trace;

    private ChunkStream(ChatRequest request, CompletionTrace trace) {
        this.request = request;
        this.trace = trace;
        this.id = trace.requestId;
    }

    static Flux<Event<String>> events(ChatRequest request, CompletionTrace trace, Flux<ChatGateway.Piece> pieces) {
        return new ChunkStream(request, trace).events(pieces);
    }

    private Flux<Event<String>> events(Flux<ChatGateway.Piece> pieces) {
        AtomicBoolean ended = new AtomicBoolean();
        Flux<Event<String>> body = pieces.concatMap(piece -> {
            if (piece.blockedBy() == null) {
                return Flux.just(delta("content", piece.text()));
            }
            ended.set(true);
            if (piece.refusal() != null) { // the policy answers instead: a normal end, marked as filtered
                return Flux.just(delta("content", piece.refusal()), finish("content_filter"), Event.of("[DONE]"));
            }
            String error = OpenAiErrors.json(
                    "the output was blocked by the '" + piece.blockedBy() + "' guardrail",
                    "guardrail_violation",
                    piece.blockedBy(),
                    null);
            return Flux.just(finish("content_filter"), Event.of(error));
        });
        // Status and headers left with the first chunk, so a later failure can only be reported in the stream.
        body = body.onErrorResume(e -> {
            ended.set(true);
            String message = e instanceof Upstream.UpstreamFailed ? e.getMessage() : "the answer stream failed";
            String code = e instanceof Upstream.UpstreamFailed f ? f.code() : "upstream_error";
            return Flux.just(Event.of(OpenAiErrors.json(message, "api_error", code, null)));
        });
        Flux<Event<String>> end = Flux.defer(() -> {
            if (ended.get()) {
                return Flux.empty();
            }
            Flux<Event<String>> last = trace.toolCalls().isEmpty()
                    ? Flux.just(finish("stop"))
                    : Flux.just(toolCalls(), finish("tool_calls"));
            if (request.includeUsage()) {
                last = last.concatWith(Flux.just(usage()));
            }
            return last.concatWith(Flux.just(Event.of("[DONE]")));
        });
        return Flux.just(delta("role", "assistant")).concatWith(body).concatWith(end);
    }

    private Event<String> delta(String field, String value) {
        ObjectNode chunk = chunk();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta").put(field, value);
        choice.putNull("finish_reason");
        return Event.of(Json.write(chunk));
    }

    private Event<String> finish(String reason) {
        ObjectNode chunk = chunk();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta");
        choice.put("finish_reason", reason);
        return Event.of(Json.write(chunk));
    }

    /** The answer's tool calls, whole, in one delta (clients join deltas by index, so one is enough). */
    private Event<String> toolCalls() {
        ObjectNode chunk = chunk();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        var calls = choice.putObject("delta").putArray("tool_calls");
        for (int i = 0; i < trace.toolCalls().size(); i++) {
            ChatRequest.ToolCall call = trace.toolCalls().get(i);
            calls.addObject()
                    .put("index", i)
                    .put("id", call.id())
                    .put("type", "function")
                    .putObject("function")
                    .put("name", call.name())
                    .put("arguments", call.arguments());
        }
        choice.putNull("finish_reason");
        return Event.of(Json.write(chunk));
    }

    /** OpenAI's usage chunk: no choices, the totals for the whole answer. */
    private Event<String> usage() {
        ObjectNode chunk = chunk();
        chunk.putArray("choices");
        int in = trace.inputTokens();
        int out = trace.outputTokens();
        chunk.putObject("usage")
                .put("prompt_tokens", in)
                .put("completion_tokens", out)
                .put("total_tokens", in + out);
        return Event.of(Json.write(chunk));
    }

    private ObjectNode chunk() {
        ObjectNode chunk = Json.mapper().createObjectNode();
        return chunk.put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", request.model());
    }
}

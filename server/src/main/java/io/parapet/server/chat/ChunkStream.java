package io.parapet.server.chat;

import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.parapet.gateway.ChatError;
import io.parapet.gateway.ChatGateway;
import io.parapet.gateway.ChatRequest;
import io.parapet.gateway.CompletionOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * A streamed answer as server-sent events in OpenAI's chunk format: the role first, then content deltas, then a
 * chunk with {@code finish_reason: stop}, a usage chunk when {@code stream_options.include_usage} asks for one, and
 * {@code [DONE]}. A guardrail block ends the stream with a {@code content_filter} chunk and an error event (or, when
 * the policy has a refusal message, that message and {@code [DONE]}); an upstream failure with an error event. Neither
 * error sends {@code [DONE]}, so clients see the answer as incomplete.
 */
final class ChunkStream {
    private static final Event<String> DONE = Event.of("[DONE]");

    private final String id;
    private final long created = Instant.now().getEpochSecond();
    private final ChatRequest request;
    private final JsonMapper json;
    private final OpenAiErrors errors;

    private ChunkStream(ChatRequest request, String id, JsonMapper json, OpenAiErrors errors) {
        this.request = request;
        this.id = id;
        this.json = json;
        this.errors = errors;
    }

    static Flux<Event<String>> events(
            ChatRequest request, ChatGateway.Streaming streaming, JsonMapper json, OpenAiErrors errors) {
        return new ChunkStream(request, streaming.requestId(), json, errors).events(streaming.pieces());
    }

    private Flux<Event<String>> events(Flux<ChatGateway.Piece> pieces) {
        Flux<Event<String>> body = pieces.concatMap(piece -> switch (piece) {
            case ChatGateway.Text text -> Flux.just(chunk(new OpenAiWire.Delta(null, text.text(), null), null));
            case ChatGateway.Done done -> end(done.outcome());
        });
        return Flux.just(chunk(new OpenAiWire.Delta("assistant", null, null), null))
                .concatWith(body);
    }

    /** The chunks that end the stream, by how it ended. */
    private Flux<Event<String>> end(CompletionOutcome o) {
        ChatError failure = o.failure();
        if (failure instanceof ChatError.Blocked) {
            return Flux.just(chunk(OpenAiWire.Delta.EMPTY, "content_filter"), Event.of(errors.json(failure)));
        }
        if (failure != null) { // status and headers have left, so a failure can only be reported in the stream
            return Flux.just(Event.of(errors.json(failure)));
        }
        if (o.refusal() != null) { // the policy answered instead: a normal end, marked as filtered
            return Flux.just(chunk(OpenAiWire.Delta.EMPTY, "content_filter"), DONE);
        }
        List<Event<String>> last = new ArrayList<>();
        if (o.toolCalls().isEmpty()) {
            last.add(chunk(OpenAiWire.Delta.EMPTY, "stop"));
        } else {
            last.add(chunk(new OpenAiWire.Delta(null, null, toolCalls(o)), null));
            last.add(chunk(OpenAiWire.Delta.EMPTY, "tool_calls"));
        }
        if (request.includeUsage()) { // OpenAI's usage chunk: no choices, the totals for the whole answer
            last.add(write(new OpenAiWire.Chunk(
                    id,
                    "chat.completion.chunk",
                    created,
                    request.model(),
                    List.of(),
                    OpenAiWire.Usage.of(o.inputTokens(), o.outputTokens()))));
        }
        last.add(DONE);
        return Flux.fromIterable(last);
    }

    /** The answer's tool calls, whole, in one delta (clients join deltas by index, so one is enough). */
    private static List<OpenAiWire.ToolCall> toolCalls(CompletionOutcome o) {
        List<OpenAiWire.ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < o.toolCalls().size(); i++) {
            var call = o.toolCalls().get(i);
            calls.add(new OpenAiWire.ToolCall(
                    i, call.id(), "function", new OpenAiWire.Function(call.name(), call.arguments())));
        }
        return calls;
    }

    private Event<String> chunk(OpenAiWire.Delta delta, String finishReason) {
        return write(new OpenAiWire.Chunk(
                id,
                "chat.completion.chunk",
                created,
                request.model(),
                List.of(new OpenAiWire.ChunkChoice(0, delta, finishReason)),
                null));
    }

    private Event<String> write(OpenAiWire.Chunk chunk) {
        try {
            return Event.of(json.writeValueAsString(chunk));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

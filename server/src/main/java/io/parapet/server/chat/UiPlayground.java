package io.parapet.server.chat;

import io.parapet.core.Actor;
import io.parapet.gateway.Caller;
import io.parapet.gateway.ChatError;
import io.parapet.gateway.ChatGateway;
import io.parapet.gateway.ChatRequest;
import io.parapet.gateway.CompletionOutcome;
import io.parapet.gateway.CompletionTrace;
import io.parapet.ui.spi.Playground;
import jakarta.inject.Singleton;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * The UI playground's runs: the chat request an app would send ({@code model: prompt:name@label}, the variables, a
 * user message, streamed), served by the same gateway, so what is tried is what is served. Runs are recorded as
 * completion events like any other request, under the key {@code ui:<user>}.
 */
@Singleton
class UiPlayground implements Playground {
    private final ChatGateway gateway;

    UiPlayground(ChatGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Flux<Event> run(Run run, Actor actor) {
        return Flux.defer(() -> {
            ChatGateway.Streaming streaming;
            try {
                streaming = gateway.stream(request(run), Caller.internal("ui:" + actor.name()));
            } catch (ChatError e) {
                return Flux.just(finished(e.outcome(), e));
            }
            return streaming.pieces().map(piece -> switch (piece) {
                case ChatGateway.Text text -> new Token(text.text());
                case ChatGateway.Done done ->
                    finished(done.outcome(), done.outcome().failure());
            });
        });
    }

    private static ChatRequest request(Run run) {
        String ref =
                run.version() != null ? "#" + run.version() : "@" + (run.label() == null ? "production" : run.label());
        List<ChatRequest.ChatMessage> messages =
                run.message() == null ? List.of() : List.of(new ChatRequest.ChatMessage("user", run.message()));
        return new ChatRequest(
                ChatGateway.PROMPT_PREFIX + run.prompt() + ref,
                messages,
                true,
                false,
                run.variables(),
                null,
                null,
                null,
                null);
    }

    private static Finished finished(CompletionOutcome o, ChatError failure) {
        String ending = o.blockedBy() != null ? "blocked" : failure != null ? "error" : "stop";
        String error = ending.equals("error") ? failure.getMessage() : null;
        List<Scanned> scans = o.verdicts().stream()
                .map(v -> new Scanned(v.direction(), v.scanner(), v.action(), v.score(), v.triggered(), "", List.of()))
                .toList();
        List<Scanned> flagged = o.flagged().stream().map(f -> flagged(f)).toList();
        return new Finished(new Outcome(
                ending,
                o.promptRef(),
                o.answeringModel(),
                o.blockedBy(),
                o.refusal(),
                error,
                o.totalMillis(),
                o.firstTokenMillis(),
                o.inputTokens(),
                o.outputTokens(),
                scans,
                flagged));
    }

    private static Scanned flagged(CompletionTrace.Flagged f) {
        var o = f.outcome();
        return new Scanned(
                f.direction(),
                o.type(),
                o.action().name().toLowerCase(),
                o.score(),
                o.triggered(),
                f.text(),
                o.findings());
    }
}

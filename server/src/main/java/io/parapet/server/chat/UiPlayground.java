package io.parapet.server.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parapet.core.Actor;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import io.parapet.gateway.ChatGateway;
import io.parapet.gateway.ChatRequest;
import io.parapet.gateway.CompletionEvents;
import io.parapet.gateway.CompletionTrace;
import io.parapet.gateway.Upstream;
import io.parapet.ui.spi.Playground;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The UI playground's runs: built as the chat request an app would send ({@code model: prompt:name@label}, the
 * variables, a user message, streamed) and served by the same gateway, so what is tried is what is served. Runs
 * are traced and sent as completion events like any other request, under the key {@code ui:<user>}.
 */
@Singleton
class UiPlayground implements Playground {
    private final ChatGateway gateway;
    private final CompletionEvents events;

    UiPlayground(ChatGateway gateway, CompletionEvents events) {
        this.gateway = gateway;
        this.events = events;
    }

    @Override
    public Flux<Event> run(Run run, Actor actor) {
        return Flux.defer(() -> {
            CompletionTrace trace = new CompletionTrace("ui:" + actor.name(), "ui:" + actor.name(), true);
            ChatGateway.Prepared prepared;
            try {
                prepared = gateway.prepare(ChatRequest.parse(body(run)), trace, null);
            } catch (ChatGateway.Blocked blocked) {
                return Flux.just(finish(trace, "blocked", blocked.scanner, blocked.refusal, null));
            } catch (ParapetException | Upstream.UpstreamFailed e) {
                return Flux.just(finish(trace, "error", null, null, e.getMessage()));
            }
            // The gateway's stream writes the completion event when it ends.
            return gateway.stream(prepared, trace)
                    .<Event>concatMap(piece -> piece.blockedBy() == null
                            ? Flux.just(new Token(piece.text()))
                            : Flux.concat(
                                    piece.refusal() == null ? Flux.empty() : Flux.just(new Token(piece.refusal())),
                                    Flux.just(outcome(trace, "blocked", piece.blockedBy(), piece.refusal(), null))))
                    .concatWith(Mono.fromSupplier(() -> trace.ending() == CompletionTrace.Ending.CONTENT_FILTER
                            ? null
                            : outcome(trace, "stop", null, null, null)))
                    .onErrorResume(e -> Flux.just(outcome(trace, "error", null, null, e.getMessage())));
        });
    }

    private Finished finish(CompletionTrace trace, String ending, String blockedBy, String refusal, String error) {
        if (trace.hasModel()) {
            events.finished(trace);
        }
        return outcome(trace, ending, blockedBy, refusal, error);
    }

    private static ObjectNode body(Run run) {
        ObjectNode body = Json.mapper().createObjectNode();
        String ref =
                run.version() != null ? "#" + run.version() : "@" + (run.label() == null ? "production" : run.label());
        body.put("model", ChatGateway.PROMPT_PREFIX + run.prompt() + ref).put("stream", true);
        var messages = body.putArray("messages");
        if (run.message() != null) {
            messages.addObject().put("role", "user").put("content", run.message());
        }
        body.set("prompt_variables", Json.mapper().valueToTree(run.variables()));
        return body;
    }

    private static Finished outcome(
            CompletionTrace trace, String ending, String blockedBy, String refusal, String error) {
        List<Scanned> scans = new ArrayList<>();
        for (io.parapet.core.events.ChatCompletionEvent.Verdict v : trace.verdictList()) {
            scans.add(new Scanned(v.direction(), v.scanner(), v.action(), v.score(), v.triggered(), "", List.of()));
        }
        List<Scanned> flagged = new ArrayList<>();
        for (CompletionTrace.Flagged f : trace.flagged()) {
            var o = f.outcome();
            flagged.add(new Scanned(
                    f.direction(),
                    o.type(),
                    o.action().name().toLowerCase(),
                    o.score(),
                    o.triggered(),
                    f.text(),
                    o.findings()));
        }
        return new Finished(new Outcome(
                ending,
                trace.promptRef(),
                trace.answeringModel(),
                blockedBy,
                refusal,
                error,
                trace.totalMillis(),
                trace.firstTokenMillis(),
                trace.inputTokens(),
                trace.outputTokens(),
                scans,
                flagged));
    }
}

package io.parapet.server.gateway;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.parapet.core.ParapetException;
import io.parapet.registry.ModelClients;
import io.parapet.registry.ModelVersion;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * Calls a model: the built-in {@code echo} provider (it answers with the last user message, exactly as the upstream
 * would have received it, word by word when streamed) or an OpenAI-compatible endpoint through langchain4j.
 */
@Singleton
class Upstream {
    private final ModelClients clients;
    private final UpstreamGuard guard;

    Upstream(ModelClients clients, UpstreamGuard guard) {
        this.clients = clients;
        this.guard = guard;
    }

    /** The model endpoint failed or answered garbage: the caller answers 502 with the reason. */
    static final class UpstreamFailed extends RuntimeException {
        UpstreamFailed(String model, Throwable cause) {
            super(
                    "the model '" + model + "' failed: " + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage())),
                    cause);
        }

        UpstreamFailed(String model, String reason) {
            super("the model '" + model + "' failed: " + reason);
        }

        private static String firstLine(String s) {
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }

    /** An answer and the model of the chain that gave it. */
    record Answer(String text, ModelVersion model) {}

    /**
     * The whole answer from the first model of {@code chain} that gives one: each model under the {@link
     * UpstreamGuard} rules (breaker, retries), the next one when it stays failed.
     */
    Answer complete(List<ModelVersion> chain, List<ChatRequest.ChatMessage> conversation) {
        RuntimeException last = null;
        for (ModelVersion model : chain) {
            try {
                Flux<String> call =
                        Mono.fromCallable(() -> once(model, conversation)).flux();
                return new Answer(guard.guard(model, call, false).blockLast(), model);
            } catch (UpstreamFailed failed) {
                last = failed;
            }
        }
        throw last;
    }

    /**
     * The answer as the first model of {@code chain} that starts one produces it; {@code answering} learns which.
     * A model that fails before its first token hands over to the next; after it, the failure is the caller's.
     * Cancelling the subscription (the client went away) cancels the upstream call at its next token.
     */
    Flux<String> stream(
            List<ModelVersion> chain, List<ChatRequest.ChatMessage> conversation, Consumer<ModelVersion> answering) {
        AtomicBoolean started = new AtomicBoolean();
        Flux<String> answer = null;
        for (ModelVersion model : chain.reversed()) {
            Flux<String> attempt = guard.guard(model, tokens(model, conversation), true)
                    .doOnNext(token -> {
                        if (started.compareAndSet(false, true)) {
                            answering.accept(model);
                        }
                    });
            Flux<String> next = answer;
            answer = next == null
                    ? attempt
                    : attempt.onErrorResume(e -> e instanceof UpstreamFailed && !started.get(), e -> next);
        }
        return answer;
    }

    private String once(ModelVersion model, List<ChatRequest.ChatMessage> conversation) {
        if (model.provider().isDevelopment()) {
            return echo(conversation);
        }
        String text = clients.chatModel(model)
                .chat(messages(conversation))
                .aiMessage()
                .text();
        return text == null ? "" : text;
    }

    private Flux<String> tokens(ModelVersion model, List<ChatRequest.ChatMessage> conversation) {
        if (model.provider().isDevelopment()) {
            return Flux.defer(() -> Flux.fromArray(echo(conversation).split("(?<= )")));
        }
        List<ChatMessage> messages = messages(conversation);
        return Flux.create(sink -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            AtomicReference<StreamingHandle> handle = new AtomicReference<>();
            sink.onDispose(() -> {
                cancelled.set(true);
                StreamingHandle h = handle.get();
                if (h != null) {
                    h.cancel();
                }
            });
            clients.streamingChatModel(model).chat(messages, handler(sink, cancelled, handle));
        });
    }

    private static StreamingChatResponseHandler handler(
            FluxSink<String> sink, AtomicBoolean cancelled, AtomicReference<StreamingHandle> handle) {
        return new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.set(context.streamingHandle());
                if (cancelled.get()) {
                    context.streamingHandle().cancel();
                    return;
                }
                sink.next(partial.text());
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                sink.complete();
            }

            @Override
            public void onError(Throwable error) {
                sink.error(error);
            }
        };
    }

    private static List<ChatMessage> messages(List<ChatRequest.ChatMessage> conversation) {
        List<ChatMessage> messages = new ArrayList<>();
        for (ChatRequest.ChatMessage m : conversation) {
            messages.add(
                    switch (m.role()) {
                        case "system", "developer" -> SystemMessage.from(m.content());
                        case "assistant" -> AiMessage.from(m.content());
                        case "user" -> UserMessage.from(m.content());
                        default ->
                            throw ParapetException.invalidField(
                                    "messages", "role '" + m.role() + "' is not supported by this gateway version yet");
                    });
        }
        return messages;
    }

    private static String echo(List<ChatRequest.ChatMessage> conversation) {
        for (int i = conversation.size() - 1; i >= 0; i--) {
            if (conversation.get(i).role().equals("user")) {
                return conversation.get(i).content();
            }
        }
        return "";
    }
}

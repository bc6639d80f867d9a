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
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Calls a model: the built-in {@code echo} provider (it answers with the last user message, exactly as the upstream
 * would have received it, word by word when streamed) or an OpenAI-compatible endpoint through langchain4j.
 */
@Singleton
class Upstream {
    private final ModelClients clients;

    Upstream(ModelClients clients) {
        this.clients = clients;
    }

    /** The model endpoint failed or answered garbage: the caller answers 502 with the reason. */
    static final class UpstreamFailed extends RuntimeException {
        UpstreamFailed(String model, Throwable cause) {
            super(
                    "the model '" + model + "' failed: " + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage())),
                    cause);
        }

        private static String firstLine(String s) {
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }

    String complete(ModelVersion model, List<ChatRequest.ChatMessage> conversation) {
        if (model.provider().isDevelopment()) {
            return echo(conversation);
        }
        List<ChatMessage> messages = messages(conversation);
        try {
            ChatResponse response = clients.chatModel(model).chat(messages);
            String text = response.aiMessage().text();
            return text == null ? "" : text;
        } catch (RuntimeException e) {
            throw new UpstreamFailed(model.name(), e);
        }
    }

    /**
     * The answer as the model produces it. Cancelling the subscription (the client went away) cancels the upstream
     * call at its next token, so an abandoned answer stops costing tokens.
     */
    Flux<String> stream(ModelVersion model, List<ChatRequest.ChatMessage> conversation) {
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
            clients.streamingChatModel(model).chat(messages, handler(model, sink, cancelled, handle));
        });
    }

    private static StreamingChatResponseHandler handler(
            ModelVersion model,
            FluxSink<String> sink,
            AtomicBoolean cancelled,
            AtomicReference<StreamingHandle> handle) {
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
                sink.error(new UpstreamFailed(model.name(), error));
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

package io.parapet.gateway;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.output.TokenUsage;
import io.parapet.core.ParapetException;
import io.parapet.registry.ModelClients;
import io.parapet.registry.ModelParameters;
import io.parapet.registry.ModelVersion;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
public class Upstream {
    private final ModelClients clients;
    private final UpstreamGuard guard;

    Upstream(ModelClients clients, UpstreamGuard guard) {
        this.clients = clients;
        this.guard = guard;
    }

    /**
     * The model endpoint failed or answered garbage: 502 with the reason, or 504 when it did not answer in time
     * (rather than answering wrong), as an {@code api_error} coded {@code upstream_error} or {@code upstream_timeout}.
     */
    public static final class UpstreamFailed extends ChatError {
        UpstreamFailed(String model, Throwable cause) {
            super(
                    timedOut(cause) ? 504 : 502,
                    "api_error",
                    timedOut(cause) ? "upstream_timeout" : "upstream_error",
                    null,
                    "the model '" + model + "' failed: " + reason(cause),
                    cause);
        }

        UpstreamFailed(String model, String reason) {
            super(502, "api_error", "upstream_error", null, "the model '" + model + "' failed: " + reason, null);
        }

        /**
         * What the caller may see of a failure: our own words, or the upstream's HTTP status and the exception's
         * kind. Never the upstream's body or message, which echo whatever answered (an internal host's page, a
         * provider's account details); the log has the rest.
         */
        private static String reason(Throwable cause) {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof io.parapet.core.OutboundUrlPolicy.Refused refused) {
                    return refused.getMessage();
                }
                if (t instanceof dev.langchain4j.exception.HttpException http) {
                    return "the provider answered HTTP " + http.statusCode();
                }
            }
            return cause.getClass().getSimpleName();
        }

        private static boolean timedOut(Throwable cause) {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof java.util.concurrent.TimeoutException
                        || t instanceof java.net.http.HttpTimeoutException
                        || t instanceof dev.langchain4j.exception.TimeoutException) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * An answer, the model of the chain that gave it, the provider's token counts (null when it gave none), and the
     * tool calls it asks the caller to make.
     */
    public record Answer(String text, ModelVersion model, TokenUsage usage, List<ChatRequest.ToolCall> toolCalls) {}

    /**
     * The whole answer from the first model of {@code chain} that gives one: each model under the {@link
     * UpstreamGuard} rules (breaker, retries), the next one when it stays failed.
     */
    Answer complete(
            List<ModelVersion> chain,
            List<ChatRequest.ChatMessage> conversation,
            ModelParameters parameters,
            Map<String, Object> extraBody) {
        RuntimeException last = null;
        for (ModelVersion model : chain) {
            try {
                Flux<ChatResponse> call = Mono.fromCallable(() -> once(model, conversation, parameters, extraBody))
                        .flux();
                ChatResponse response = guard.guard(model, call, false).blockLast();
                String text = response.aiMessage().text();
                return new Answer(text == null ? "" : text, model, response.tokenUsage(), toolCalls(response));
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
            List<ModelVersion> chain,
            List<ChatRequest.ChatMessage> conversation,
            ModelParameters parameters,
            Map<String, Object> extraBody,
            Consumer<ModelVersion> answering,
            Consumer<ChatResponse> completed) {
        AtomicBoolean started = new AtomicBoolean();
        Flux<String> answer = null;
        for (ModelVersion model : chain.reversed()) {
            Flux<String> attempt = guard.guard(
                            model, tokens(model, conversation, parameters, extraBody, completed), true)
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

    private ChatResponse once(
            ModelVersion model,
            List<ChatRequest.ChatMessage> conversation,
            ModelParameters parameters,
            Map<String, Object> extraBody) {
        if (model.provider().isDevelopment()) {
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from(echo(conversation)))
                    .build();
        }
        return clients.chatModel(model).chat(request(model, conversation, parameters, extraBody));
    }

    private Flux<String> tokens(
            ModelVersion model,
            List<ChatRequest.ChatMessage> conversation,
            ModelParameters parameters,
            Map<String, Object> extraBody,
            Consumer<ChatResponse> completed) {
        if (model.provider().isDevelopment()) {
            return Flux.defer(() -> Flux.fromArray(echo(conversation).split("(?<= )")));
        }
        dev.langchain4j.model.chat.request.ChatRequest request = request(model, conversation, parameters, extraBody);
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
            clients.streamingChatModel(model).chat(request, handler(sink, cancelled, handle, completed));
        });
    }

    private static StreamingChatResponseHandler handler(
            FluxSink<String> sink,
            AtomicBoolean cancelled,
            AtomicReference<StreamingHandle> handle,
            Consumer<ChatResponse> completed) {
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
                completed.accept(response); // usage and tool calls, before the text stream ends
                sink.complete();
            }

            @Override
            public void onError(Throwable error) {
                sink.error(error);
            }
        };
    }

    /**
     * The langchain4j request; parameters left unset fall back to the model version's defaults. {@code extraBody}
     * (response_format, tools, tool_choice) travels as written, as extra fields of the OpenAI request.
     */
    private static dev.langchain4j.model.chat.request.ChatRequest request(
            ModelVersion model,
            List<ChatRequest.ChatMessage> conversation,
            ModelParameters p,
            Map<String, Object> extraBody) {
        var request = dev.langchain4j.model.chat.request.ChatRequest.builder().messages(messages(conversation));
        ChatRequestParameters parameters = p == null ? null : ModelClients.requestParameters(model.provider(), null, p);
        if (extraBody != null && !extraBody.isEmpty()) {
            var openAi = OpenAiChatRequestParameters.builder();
            if (parameters != null) {
                openAi.overrideWith(parameters);
            }
            parameters = openAi.customParameters(extraBody).build();
        }
        if (parameters != null) {
            request.parameters(parameters);
        }
        return request.build();
    }

    private static List<ChatMessage> messages(List<ChatRequest.ChatMessage> conversation) {
        List<ChatMessage> messages = new ArrayList<>();
        Map<String, String> toolNames = new java.util.HashMap<>(); // OpenAI's tool messages carry only the call id
        for (ChatRequest.ChatMessage m : conversation) {
            messages.add(
                    switch (m.role()) {
                        case "system", "developer" -> SystemMessage.from(m.content());
                        case "assistant" -> assistant(m, toolNames);
                        case "user" -> UserMessage.from(m.content());
                        case "tool" ->
                            ToolExecutionResultMessage.from(
                                    m.toolCallId(), toolNames.getOrDefault(m.toolCallId(), "unknown"), m.content());
                        default ->
                            throw ParapetException.invalidField(
                                    "messages", "role '" + m.role() + "' is not supported by this gateway version yet");
                    });
        }
        return messages;
    }

    private static AiMessage assistant(ChatRequest.ChatMessage m, Map<String, String> toolNames) {
        if (m.toolCalls().isEmpty()) {
            return AiMessage.from(m.content());
        }
        List<ToolExecutionRequest> calls = new ArrayList<>();
        for (ChatRequest.ToolCall call : m.toolCalls()) {
            toolNames.put(call.id(), call.name());
            calls.add(ToolExecutionRequest.builder()
                    .id(call.id())
                    .name(call.name())
                    .arguments(call.arguments())
                    .build());
        }
        return m.content().isEmpty() ? AiMessage.from(calls) : AiMessage.from(m.content(), calls);
    }

    /** The tool calls an answer asks for, in the gateway's terms. */
    static List<ChatRequest.ToolCall> toolCalls(ChatResponse response) {
        if (!response.aiMessage().hasToolExecutionRequests()) {
            return List.of();
        }
        return response.aiMessage().toolExecutionRequests().stream()
                .map(r -> new ChatRequest.ToolCall(r.id(), r.name(), r.arguments()))
                .toList();
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

package io.parapet.server.chat;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.parapet.core.PageRequest;
import io.parapet.gateway.Caller;
import io.parapet.gateway.ChatGateway;
import io.parapet.gateway.ChatPlan;
import io.parapet.gateway.ChatRequest;
import io.parapet.gateway.CompletionOutcome;
import io.parapet.registry.ModelService;
import io.parapet.registry.ModelSummary;
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptSummary;
import io.parapet.server.security.KeyGatewaySettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAI-compatible API: a client switches to Parapet by changing its base URL to {@code <parapet>/v1} and its
 * key to a Parapet {@code chat} key. The gateway does the work and refuses with {@link io.parapet.gateway.ChatError}s,
 * which {@link OpenAiErrors} writes in OpenAI's shape; this class only translates HTTP.
 */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("chat")
@Tag(name = "openai-compatible")
class ChatController {
    private final ChatGateway gateway;
    private final ModelService models;
    private final PromptService prompts;
    private final OpenAiErrors errors;
    private final JsonMapper json;

    ChatController(
            ChatGateway gateway, ModelService models, PromptService prompts, OpenAiErrors errors, JsonMapper json) {
        this.gateway = gateway;
        this.models = models;
        this.prompts = prompts;
        this.errors = errors;
        this.json = json;
    }

    @Operation(summary = "Chat completion (OpenAI wire format); model is a catalog model or prompt:<name>@<label>")
    @Post(value = "/chat/completions", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> complete(@Body String body, Authentication auth) {
        ChatRequest request = ChatRequest.read(body);
        Caller caller = caller(auth);
        if (request.stream()) {
            ChatGateway.Streaming s = gateway.stream(request, caller);
            var events = ChunkStream.events(request, s, json, errors);
            return headers(HttpResponse.ok(events), s.plan(), s.answeringModel(), s.guardrails(), s.overheadMillis())
                    .contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
        }
        ChatGateway.Answered a = gateway.complete(request, caller);
        CompletionOutcome o = a.outcome();
        return headers(
                        HttpResponse.ok(completion(request, a)),
                        a.plan(),
                        o.answeringModel(),
                        a.guardrails(),
                        o.overheadMillis())
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Operation(summary = "The callable catalog models and the prompts, as prompt:<name>@production")
    @Get(value = "/models", produces = MediaType.APPLICATION_JSON)
    OpenAiWire.ModelList models() {
        List<OpenAiWire.Model> data = new ArrayList<>();
        for (ModelSummary m : models.list()) {
            data.add(new OpenAiWire.Model(m.name(), "model", "parapet"));
        }
        var page = prompts.list(null, null, null, "name", PageRequest.of(0, PageRequest.MAX_SIZE));
        for (PromptSummary p : page.items()) {
            data.add(new OpenAiWire.Model(ChatGateway.PROMPT_PREFIX + p.name() + "@production", "model", "parapet"));
        }
        return new OpenAiWire.ModelList("list", data);
    }

    /** The key's own settings (limits, policy for catalog models) come from the authentication. */
    private static Caller caller(Authentication auth) {
        var key = (KeyGatewaySettings.OfKey) auth.getAttributes().get(KeyGatewaySettings.ATTRIBUTE);
        KeyGatewaySettings own = key == null ? KeyGatewaySettings.DEFAULTS : key.settings();
        String budget = key == null ? "name:" + auth.getName() : "key:" + key.keyId();
        return Caller.key(auth.getName(), budget, own.requestsPerMinute(), own.tokensPerMinute(), own.defaultPolicy());
    }

    /**
     * What Parapet did, for the caller's logs. A stream's headers leave before its first token, so a fallback that
     * takes over later is not reflected there.
     */
    private static <T> MutableHttpResponse<T> headers(
            MutableHttpResponse<T> response, ChatPlan plan, String model, String guardrails, long overheadMillis) {
        if (plan != null && plan.promptVersion() != null) {
            response.header("x-parapet-prompt-version", plan.promptVersion());
        }
        if (model != null) {
            response.header("x-parapet-model-version", model);
        }
        return response.header("x-parapet-guardrails", guardrails)
                .header("x-parapet-overhead-ms", String.valueOf(overheadMillis));
    }

    /** A whole answer; one the policy refused is its refusal message, filtered by content. */
    private static OpenAiWire.Completion completion(ChatRequest request, ChatGateway.Answered a) {
        CompletionOutcome o = a.outcome();
        List<OpenAiWire.ToolCall> calls = o.toolCalls().stream()
                .map(c -> new OpenAiWire.ToolCall(
                        null, c.id(), "function", new OpenAiWire.Function(c.name(), c.arguments())))
                .toList();
        String finish = o.refusal() != null ? "content_filter" : calls.isEmpty() ? "stop" : "tool_calls";
        String content = calls.isEmpty() || !a.text().isEmpty() ? a.text() : null;
        var message = new OpenAiWire.AssistantMessage("assistant", content, calls.isEmpty() ? null : calls);
        return new OpenAiWire.Completion(
                o.requestId(),
                "chat.completion",
                Instant.now().getEpochSecond(),
                request.model(),
                List.of(new OpenAiWire.Choice(0, message, finish)),
                OpenAiWire.Usage.of(o.inputTokens(), o.outputTokens()));
    }
}

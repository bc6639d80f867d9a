package io.parapet.server.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.parapet.core.Json;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.gateway.ChatGateway;
import io.parapet.gateway.ChatRequest;
import io.parapet.gateway.CompletionEvents;
import io.parapet.gateway.CompletionTrace;
import io.parapet.gateway.RateLimits;
import io.parapet.gateway.Upstream;
import io.parapet.registry.ModelService;
import io.parapet.registry.ModelSummary;
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptSummary;
import io.parapet.server.security.KeyGatewaySettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import reactor.core.publisher.Flux;

/**
 * The OpenAI-compatible API: a client switches to Parapet by changing its base URL to {@code <parapet>/v1} and its
 * key to a Parapet {@code chat} key. Errors use OpenAI's shape, {@code {"error": {message, type, param, code}}}.
 */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("chat")
@Tag(name = "openai-compatible")
class ChatController {
    private final ChatGateway gateway;
    private final CompletionEvents events;
    private final RateLimits limits;
    private final ModelService models;
    private final PromptService prompts;

    ChatController(
            ChatGateway gateway,
            ModelService models,
            PromptService prompts,
            CompletionEvents events,
            RateLimits limits) {
        this.gateway = gateway;
        this.limits = limits;
        this.events = events;
        this.models = models;
        this.prompts = prompts;
    }

    @Operation(summary = "Chat completion (OpenAI wire format); model is a catalog model or prompt:<name>@<label>")
    @Post(value = "/chat/completions", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> complete(@Body String body, Authentication auth) {
        KeyGatewaySettings.OfKey key =
                (KeyGatewaySettings.OfKey) auth.getAttributes().get(KeyGatewaySettings.ATTRIBUTE);
        KeyGatewaySettings own = key == null ? KeyGatewaySettings.DEFAULTS : key.settings();
        String budget = key == null ? "name:" + auth.getName() : "key:" + key.keyId();
        RateLimits.Refusal refusal = limits.admit(budget, own.requestsPerMinute(), own.tokensPerMinute());
        if (refusal != null) {
            return error(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "rate limit of " + refusal.limit() + " " + refusal.what() + " per minute reached for this"
                                    + " key; retry in " + refusal.retryAfterSeconds() + " s",
                            "rate_limit_error",
                            "rate_limit_exceeded",
                            null)
                    .header("Retry-After", String.valueOf(refusal.retryAfterSeconds()));
        }
        CompletionTrace trace = null;
        ChatRequest request = null;
        boolean streamed = false;
        try {
            request = ChatRequest.parse(read(body));
            trace = new CompletionTrace(auth.getName(), budget, request.stream());
            ChatGateway.Prepared prepared = gateway.prepare(request, trace, own.defaultPolicy());
            if (request.stream()) {
                streamed = true; // the stream writes its event when it ends
                Flux<ChatGateway.Piece> pieces = gateway.stream(prepared, trace);
                return headers(HttpResponse.ok(ChunkStream.events(request, trace, pieces)), prepared, trace)
                        .contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
            }
            ChatGateway.Completion c = gateway.complete(prepared, trace);
            return headers(HttpResponse.ok(Json.write(completion(request, trace, c))), prepared, trace)
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (Upstream.UpstreamFailed failed) {
            trace.end(CompletionTrace.Ending.ERROR, failed.getMessage());
            HttpStatus status = failed.timedOut() ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
            return error(status, failed.getMessage(), "api_error", failed.code(), null);
        } catch (ChatGateway.Blocked blocked) {
            if (blocked.refusal != null) {
                return refusal(request, trace, blocked);
            }
            return error(HttpStatus.BAD_REQUEST, blocked.getMessage(), "guardrail_violation", blocked.scanner, null);
        } catch (ParapetException e) {
            if (trace != null) {
                trace.end(CompletionTrace.Ending.ERROR, e.getMessage());
            }
            String field = e.errors().isEmpty() ? null : e.errors().get(0).field();
            if (e.problem() == io.parapet.core.Problem.NOT_FOUND) {
                return error(HttpStatus.NOT_FOUND, e.getMessage(), "invalid_request_error", "model_not_found", "model");
            }
            return error(
                    HttpStatus.valueOf(e.problem().status()), e.getMessage(), "invalid_request_error", null, field);
        } finally {
            // Requests that reached a model are events, blocked and failed ones too; malformed ones are not.
            if (!streamed && trace != null && trace.hasModel()) {
                events.finished(trace);
            }
        }
    }

    @Operation(summary = "The callable catalog models and the prompts, as prompt:<name>@production")
    @Get(value = "/models", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> models() {
        ObjectNode body = Json.mapper().createObjectNode().put("object", "list");
        var data = body.putArray("data");
        for (ModelSummary m : models.list()) {
            data.addObject().put("id", m.name()).put("object", "model").put("owned_by", "parapet");
        }
        Page<PromptSummary> page = prompts.list(null, null, null, "name", PageRequest.of(0, PageRequest.MAX_SIZE));
        for (PromptSummary p : page.items()) {
            data.addObject()
                    .put("id", ChatGateway.PROMPT_PREFIX + p.name() + "@production")
                    .put("object", "model")
                    .put("owned_by", "parapet");
        }
        return HttpResponse.ok(Json.write(body));
    }

    private static <T> MutableHttpResponse<T> headers(
            MutableHttpResponse<T> response, ChatGateway.Prepared p, CompletionTrace trace) {
        if (p.promptVersion() != null) {
            response.header("x-parapet-prompt-version", p.promptVersion());
        }
        // A stream's headers leave before its first token, so a fallback that takes over later is not reflected.
        return response.header("x-parapet-model-version", trace.answeringModel())
                .header("x-parapet-guardrails", ChatGateway.summary(p))
                .header("x-parapet-overhead-ms", String.valueOf(trace.overheadMillis()));
    }

    /** A blocked request whose policy has a refusal message: that message, as a completion filtered by content. */
    private static HttpResponse<?> refusal(ChatRequest request, CompletionTrace trace, ChatGateway.Blocked blocked) {
        String summary = "blocked " + blocked.direction + " by " + blocked.scanner + "; answered with the refusal";
        if (request.stream()) {
            Flux<ChatGateway.Piece> piece = Flux.just(new ChatGateway.Piece("", blocked.scanner, blocked.refusal));
            return HttpResponse.ok(ChunkStream.events(request, trace, piece))
                    .header("x-parapet-guardrails", summary)
                    .contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
        }
        ChatGateway.Completion c = new ChatGateway.Completion(
                blocked.refusal, null, trace.answeringModel(), summary, trace.inputTokens(), 0, java.util.List.of());
        ObjectNode body = completion(request, trace, c);
        ((ObjectNode) body.at("/choices/0")).put("finish_reason", "content_filter");
        return HttpResponse.ok(Json.write(body))
                .header("x-parapet-guardrails", summary)
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static ObjectNode completion(ChatRequest request, CompletionTrace trace, ChatGateway.Completion c) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("id", trace.requestId)
                .put("object", "chat.completion")
                .put("created", Instant.now().getEpochSecond())
                .put("model", request.model());
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", c.toolCalls().isEmpty() ? "stop" : "tool_calls");
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (c.toolCalls().isEmpty() || !c.answer().isEmpty()) {
            message.put("content", c.answer());
        } else {
            message.putNull("content");
        }
        if (!c.toolCalls().isEmpty()) {
            var calls = message.putArray("tool_calls");
            for (ChatRequest.ToolCall call : c.toolCalls()) {
                calls.addObject()
                        .put("id", call.id())
                        .put("type", "function")
                        .putObject("function")
                        .put("name", call.name())
                        .put("arguments", call.arguments());
            }
        }
        body.putObject("usage")
                .put("prompt_tokens", c.promptTokens())
                .put("completion_tokens", c.completionTokens())
                .put("total_tokens", c.promptTokens() + c.completionTokens());
        return body;
    }

    private static JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            throw ParapetException.invalid("the body must be a JSON chat-completions request");
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw ParapetException.invalid("the body is not valid JSON");
        }
    }

    private static MutableHttpResponse<String> error(
            HttpStatus status, String message, String type, String code, String param) {
        return OpenAiErrors.of(status, message, type, code, param);
    }
}

package io.parapet.server.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.parapet.core.Json;
import io.parapet.core.events.FeedbackEvent;
import io.parapet.core.events.Outbox;
import io.parapet.gateway.ChatError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Thumbs up or down from a chat app, about one completion it received: {@code {completion_id, score, comment?}}.
 * It becomes a {@code parapet.feedback.v1} event keyed by completion id, which the monitors join with the
 * completion's own event.
 */
@Controller("/v1")
@Secured("chat")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenAI-compatible")
class FeedbackController {
    static final int MAX_COMMENT = 2_000;

    private final Outbox outbox;

    FeedbackController(Outbox outbox) {
        this.outbox = outbox;
    }

    @Operation(summary = "Feedback on a completion: score is a number in [-1, 1] or a boolean (thumbs up/down)")
    @Post(value = "/feedback", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<OpenAiWire.Feedback> feedback(@Body String body, Authentication auth) {
        JsonNode request;
        try {
            request = Json.read(body == null ? "" : body);
        } catch (RuntimeException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            throw ChatError.invalid("the body must be a JSON object {completion_id, score, comment?}", null);
        }
        String completionId = request.path("completion_id").asText("");
        if (!completionId.matches("chatcmpl-[0-9a-f]{32}")) {
            throw ChatError.invalid(
                    "completion_id must be the id of a completion this gateway returned", "completion_id");
        }
        JsonNode score = request.path("score");
        Double value = null;
        if (score.isBoolean()) {
            value = score.asBoolean() ? 1.0 : -1.0; // thumbs up or down
        } else if (score.isNumber()) {
            value = score.asDouble();
        }
        if (value == null || value < -1 || value > 1) {
            throw ChatError.invalid("score must be a number in [-1, 1] or a boolean", "score");
        }
        JsonNode comment = request.path("comment");
        if (!comment.isMissingNode()
                && !comment.isNull()
                && (!comment.isTextual() || comment.asText().length() > MAX_COMMENT)) {
            throw ChatError.invalid("comment must be a string of at most " + MAX_COMMENT + " characters", "comment");
        }
        var event =
                new FeedbackEvent(completionId, value, comment.isTextual() ? comment.asText() : null, auth.getName());
        String id = outbox.append(FeedbackEvent.TYPE, "gateway", completionId, event);
        return HttpResponse.<OpenAiWire.Feedback>status(HttpStatus.ACCEPTED)
                .body(new OpenAiWire.Feedback(id, "feedback", completionId));
    }
}

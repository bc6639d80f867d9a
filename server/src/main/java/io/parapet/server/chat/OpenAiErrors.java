package io.parapet.server.chat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.json.JsonMapper;
import io.parapet.gateway.ChatError;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one writer of OpenAI's error shape, {@code {"error": {message, type, param, code}}}, so SDKs raise their usual
 * exceptions: it answers every {@link ChatError} the {@code /v1} endpoints throw, the authorization failures on those
 * paths, and gives the document a stream ends with.
 */
@Produces
@Singleton
public class OpenAiErrors implements ExceptionHandler<ChatError, HttpResponse<?>> {
    /** The OpenAI-compatible API lives under this path; everything else answers problem documents. */
    public static final String PATH = "/v1/";

    private final JsonMapper json;

    OpenAiErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ChatError error) {
        return response(error);
    }

    public MutableHttpResponse<String> response(ChatError error) {
        MutableHttpResponse<String> response = HttpResponse.<String>status(
                        io.micronaut.http.HttpStatus.valueOf(error.status()))
                .body(json(error))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
        if (error.retryAfterSeconds() != null) {
            response.header("Retry-After", String.valueOf(error.retryAfterSeconds()));
        }
        return response;
    }

    /** The error document alone, as a stream's error event carries it. */
    public String json(ChatError error) {
        try {
            return json.writeValueAsString(new OpenAiWire.Error(
                    new OpenAiWire.ErrorBody(error.getMessage(), error.type(), error.param(), error.code())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

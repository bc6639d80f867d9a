package io.parapet.server.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.parapet.core.Json;

/** Errors as OpenAI's API writes them, so SDKs raise their usual exceptions: {@code {"error": {…}}}. */
public final class OpenAiErrors {
    /** The OpenAI-compatible API lives under this path; everything else answers problem documents. */
    public static final String PATH = "/v1/";

    private OpenAiErrors() {}

    public static MutableHttpResponse<String> of(
            HttpStatus status, String message, String type, String code, String param) {
        return HttpResponse.<String>status(status)
                .body(json(message, type, code, param))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The error document alone, as a stream's error event carries it. */
    public static String json(String message, String type, String code, String param) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type);
        error.put("param", param);
        error.put("code", code);
        return Json.write(body);
    }
}

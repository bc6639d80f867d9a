package io.parapet.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The management API as the command line uses it (eval run, deploy apply/status/promote/abort): JSON in and out, any
 * answer of 300 or more is {@link Failed} with the problem's detail and field errors.
 */
public final class ApiClient {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String key;

    public ApiClient(String base, String key) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.key = key;
    }

    /** The server answered with an error, or could not be reached; the message says which and why. */
    public static final class Failed extends Exception {
        public Failed(String message) {
            super(message);
        }
    }

    public JsonNode get(String path) throws Failed {
        return send("GET", path, null, "application/json");
    }

    public JsonNode post(String path, String body, String type) throws Failed {
        return send("POST", path, body, type);
    }

    /** A POST that acts only on the state the caller read ({@code If-Match: <revision>}). */
    public JsonNode postIfMatch(String path, String body, int revision) throws Failed {
        return send("POST", path, body, "application/json", "If-Match", "\"" + revision + "\"");
    }

    private JsonNode send(String method, String path, String body, String type, String... headers) throws Failed {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        HttpRequest request = builder.header("Authorization", "Bearer " + key)
                .header("Content-Type", type)
                .timeout(Duration.ofMinutes(2))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failed("cannot reach " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        }
        if (response.statusCode() >= 300) {
            String detail = response.body();
            try {
                JsonNode problem = Json.read(detail);
                detail = problem.path("detail").asText(detail);
                if (problem.path("errors").isArray() && !problem.path("errors").isEmpty()) {
                    detail += " " + problem.get("errors");
                }
            } catch (RuntimeException notJson) {
                // the body as it came
            }
            throw new Failed(method + " " + path + " answered " + response.statusCode() + ": " + detail);
        }
        return Json.read(response.body());
    }
}

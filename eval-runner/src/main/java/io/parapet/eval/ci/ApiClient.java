package io.parapet.eval.ci;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The management API as the CI command uses it: JSON in and out, any answer of 300 or more is {@link Failed}. */
final class ApiClient {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String key;

    ApiClient(String base, String key) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.key = key;
    }

    /** The server answered with an error, or could not be reached; the message says which and why. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    JsonNode get(String path) throws Failed {
        return send("GET", path, null, "application/json");
    }

    JsonNode post(String path, String body, String type) throws Failed {
        return send("POST", path, body, type);
    }

    private JsonNode send(String method, String path, String body, String type) throws Failed {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key)
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

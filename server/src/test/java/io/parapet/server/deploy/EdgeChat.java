package io.parapet.server.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A chat completion sent to a deployed edge gateway, asking {@code prompt} with {@code text} from the user. */
final class EdgeChat {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private EdgeChat() {}

    static HttpResponse<String> send(String endpoint, String key, String prompt, String text) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(endpoint + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"prompt:" + prompt + "\","
                                + "\"prompt_variables\":{\"q\":\"" + text + "\"},\"messages\":[{\"role\":\"user\","
                                + "\"content\":\"" + text + "\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

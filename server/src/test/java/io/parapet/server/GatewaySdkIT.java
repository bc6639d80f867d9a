package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real clients, unchanged, against the running gateway: the official OpenAI Java SDK and langchain4j. */
@MicronautTest(transactional = false)
class GatewaySdkIT extends ServerTestSupport {
    private String baseUrl() {
        return server.getURL() + "/v1";
    }

    private void blockingPolicyPrompt() {
        post(
                "/api/v1/guardrails/policies/sdk/strict/versions",
                "publisher",
                "{\"commitMessage\":\"c\",\"labels\":[\"production\"],\"policy\":{\"scanners\":[{\"type\":"
                        + "\"banned-patterns\",\"action\":\"block\",\"config\":{\"substrings\":[\"forbidden\"]}}]}}");
        post(
                "/api/v1/prompts/sdk/bot/versions",
                "publisher",
                "{\"template\":\"Be brief.\",\"commitMessage\":\"c\",\"labels\":[\"production\"],"
                        + "\"guardrails\":\"sdk/strict@production\"}");
    }

    @Test
    void should_work_with_the_official_openai_java_sdk() {
        blockingPolicyPrompt();
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl())
                .apiKey(KEYS.get("chat"))
                .maxRetries(0)
                .build();
        ChatCompletion answer = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("prompt:sdk/bot@production")
                        .addUserMessage("Say hello to ann@example.com.")
                        .build());
        assertThat(answer.choices().get(0).message().content()).hasValue("Say hello to ann@example.com.");
        assertThat(answer.usage()).isPresent();

        StringBuilder streamed = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("echo")
                        .addUserMessage("Hello there. Write to bob@example.com.")
                        .build())) {
            stream.stream().forEach(chunk -> chunk.choices()
                    .forEach(c -> c.delta().content().ifPresent(streamed::append)));
        }
        assertThat(streamed.toString()).isEqualTo("Hello there. Write to [EMAIL_ADDRESS].");

        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model("prompt:sdk/bot@production")
                                .addUserMessage("a forbidden request")
                                .build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("banned-patterns");
    }

    @Test
    void should_work_with_langchain4j_openai_models() throws Exception {
        OpenAiChatModel chat = OpenAiChatModel.builder()
                .baseUrl(baseUrl())
                .apiKey(KEYS.get("chat"))
                .modelName("echo")
                .maxRetries(0)
                .build();
        assertThat(chat.chat("Good morning.")).isEqualTo("Good morning.");

        OpenAiStreamingChatModel streaming = OpenAiStreamingChatModel.builder()
                .baseUrl(baseUrl())
                .apiKey(KEYS.get("chat"))
                .modelName("echo")
                .build();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        StringBuilder tokens = new StringBuilder();
        streaming.chat("First sentence. Second one.", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                tokens.append(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        assertThat(done.get(30, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("First sentence. Second one.");
        assertThat(tokens.toString()).isEqualTo("First sentence. Second one.");
    }
}

package io.parapet.registry;

import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.parapet.core.ParapetException;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * langchain4j chat clients for catalog model versions, built once per version (versions are immutable, so a client
 * never goes stale) with the decrypted credential, which stays inside the client. Retries are off: the gateway
 * decides when to retry, and the timeouts come from {@link ModelClientSettings}. So far: any OpenAI-compatible endpoint ({@code openai}: OpenAI, vLLM, Ollama's /v1, LM
 * Studio, TGI).
 */
@Singleton
public class ModelClients {
    private final ModelService models;
    private final ModelClientSettings settings;
    private final Map<String, ChatModel> clients = new ConcurrentHashMap<>();
    private final Map<String, StreamingChatModel> streamingClients = new ConcurrentHashMap<>();

    ModelClients(ModelService models, ModelClientSettings settings) {
        this.models = models;
        this.settings = settings;
    }

    public ChatModel chatModel(ModelVersion version) {
        return clients.computeIfAbsent(version.name() + "#" + version.version(), key -> {
            check(version);
            return OpenAiChatModel.builder()
                    .baseUrl(version.baseUrl())
                    .apiKey(apiKey(version))
                    .defaultRequestParameters(parameters(version))
                    .httpClientBuilder(http())
                    .maxRetries(0)
                    .build();
        });
    }

    /** The same model, answering token by token (server-sent events upstream). */
    public StreamingChatModel streamingChatModel(ModelVersion version) {
        return streamingClients.computeIfAbsent(version.name() + "#" + version.version(), key -> {
            check(version);
            return OpenAiStreamingChatModel.builder()
                    .baseUrl(version.baseUrl())
                    .apiKey(apiKey(version))
                    .defaultRequestParameters(parameters(version))
                    .httpClientBuilder(http())
                    .build();
        });
    }

    /** Refuses, with a 400, a model whose provider the gateway cannot call yet. */
    public void check(ModelVersion version) {
        if (version.provider() != Provider.OPENAI && !version.provider().isDevelopment()) {
            throw ParapetException.invalidField(
                    "model",
                    "model '" + version.name() + "' uses provider '"
                            + version.provider().wire() + "', which the gateway cannot call yet; use openai or echo");
        }
    }

    private JdkHttpClientBuilder http() {
        return new JdkHttpClientBuilder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout());
    }

    private String apiKey(ModelVersion version) {
        String key = version.hasCredential() ? models.credential(version.name(), version.version()) : null;
        // Local OpenAI-compatible servers take no key, but the client insists on one.
        return key == null ? "no-key" : key;
    }

    private static OpenAiChatRequestParameters parameters(ModelVersion version) {
        ModelParameters p = version.parameters();
        var builder = OpenAiChatRequestParameters.builder().modelName(version.modelId());
        if (p != null) {
            builder.temperature(p.temperature())
                    .topP(p.topP())
                    .maxOutputTokens(p.maxTokens())
                    .stopSequences(p.stop())
                    .presencePenalty(p.presencePenalty())
                    .frequencyPenalty(p.frequencyPenalty())
                    .seed(p.seed() == null ? null : p.seed().intValue());
        }
        return builder.build();
    }
}

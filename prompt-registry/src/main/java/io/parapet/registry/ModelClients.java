package io.parapet.registry;

import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.parapet.core.OutboundUrlPolicy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * langchain4j chat clients for catalog model versions, built once per version (versions are immutable, so a client
 * never goes stale) with the decrypted credential, which stays inside the client. Retries are off: the gateway
 * decides when to retry, and the timeouts come from {@link ModelClientSettings}. Providers:
 *
 * <ul>
 *   <li>{@code openai}: any OpenAI-compatible base URL (OpenAI, vLLM, LM Studio, TGI);
 *   <li>{@code ollama}: Ollama through its OpenAI-compatible {@code /v1} API;
 *   <li>{@code azure-openai}: Azure OpenAI's v1 API ({@code https://<resource>.openai.azure.com/openai/v1}), the key
 *       sent as {@code api-key}, the model id being the deployment name;
 *   <li>{@code anthropic}: Anthropic's Messages API.
 * </ul>
 */
@Singleton
public class ModelClients {
    private final ModelService models;
    private final ModelClientSettings settings;
    private final OutboundUrlPolicy outbound;
    private final Map<String, ChatModel> clients = new ConcurrentHashMap<>();
    private final Map<String, StreamingChatModel> streamingClients = new ConcurrentHashMap<>();

    ModelClients(ModelService models, ModelClientSettings settings, OutboundUrlPolicy outbound) {
        this.models = models;
        this.settings = settings;
        this.outbound = outbound;
    }

    /** The client for one call: the outbound-URL policy is checked on every call, since DNS answers change. */
    public ChatModel chatModel(ModelVersion version) {
        checkOutbound(version);
        return clients.computeIfAbsent(version.name() + "#" + version.version(), key -> {
            if (version.provider() == Provider.ANTHROPIC) {
                return AnthropicChatModel.builder()
                        .baseUrl(baseUrl(version))
                        .apiKey(apiKey(version))
                        .defaultRequestParameters(parameters(version, false))
                        .httpClientBuilder(http(baseUrl(version)))
                        .maxRetries(0)
                        .build();
            }
            return OpenAiChatModel.builder()
                    .baseUrl(baseUrl(version))
                    .apiKey(apiKey(version))
                    .customHeaders(headers(version))
                    .defaultRequestParameters(parameters(version, true))
                    .httpClientBuilder(http(baseUrl(version)))
                    .maxRetries(0)
                    .build();
        });
    }

    /** The same model, answering token by token (server-sent events upstream). */
    public StreamingChatModel streamingChatModel(ModelVersion version) {
        checkOutbound(version);
        return streamingClients.computeIfAbsent(version.name() + "#" + version.version(), key -> {
            if (version.provider() == Provider.ANTHROPIC) {
                return AnthropicStreamingChatModel.builder()
                        .baseUrl(baseUrl(version))
                        .apiKey(apiKey(version))
                        .defaultRequestParameters(parameters(version, false))
                        .httpClientBuilder(http(baseUrl(version)))
                        .build();
            }
            return OpenAiStreamingChatModel.builder()
                    .baseUrl(baseUrl(version))
                    .apiKey(apiKey(version))
                    .customHeaders(headers(version))
                    .defaultRequestParameters(parameters(version, true))
                    .httpClientBuilder(http(baseUrl(version)))
                    .build();
        });
    }

    /** Whether the provider speaks OpenAI's chat-completions API (and takes its extra parameters, such as seed). */
    public static boolean speaksOpenAi(Provider provider) {
        return provider != Provider.ANTHROPIC;
    }

    private void checkOutbound(ModelVersion version) {
        if (!version.provider().isDevelopment()) {
            outbound.beforeCall(baseUrl(version));
        }
    }

    /**
     * The HTTP client of one model. Over plain {@code http://} (vLLM, Ollama, TGI and mocks on a private network) it
     * speaks HTTP/1.1: the JDK client set to HTTP/2 would send an {@code Upgrade: h2c} request on every call to a
     * server that never upgrades (seen on every one of 8,000 calls to a Node upstream). Over TLS, HTTP/2 is agreed by
     * ALPN when the provider offers it, at no cost per call.
     */
    private JdkHttpClientBuilder http(String baseUrl) {
        var jdk = java.net.http.HttpClient.newBuilder();
        if (baseUrl.startsWith("http://")) {
            jdk.version(java.net.http.HttpClient.Version.HTTP_1_1);
        }
        return new JdkHttpClientBuilder()
                .httpClientBuilder(jdk)
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout());
    }

    /**
     * The URL the langchain4j client wants: Ollama through its OpenAI-compatible {@code /v1}, Anthropic's API under
     * {@code /v1} (versions store what the user gave, or the provider's default host).
     */
    private static String baseUrl(ModelVersion version) {
        String url = (version.baseUrl() != null
                        ? version.baseUrl()
                        : version.provider().defaultBaseUrl())
                .replaceAll("/+$", "");
        boolean wantsV1 = version.provider() == Provider.OLLAMA || version.provider() == Provider.ANTHROPIC;
        return wantsV1 && !url.endsWith("/v1") ? url + "/v1" : url;
    }

    private String apiKey(ModelVersion version) {
        String key = version.hasCredential() ? models.credential(version.name(), version.version()) : null;
        // Local OpenAI-compatible servers take no key, but the clients insist on one.
        return key == null ? "no-key" : key;
    }

    /** Azure takes the key in its own header. */
    private Map<String, String> headers(ModelVersion version) {
        return version.provider() == Provider.AZURE_OPENAI ? Map.of("api-key", apiKey(version)) : Map.of();
    }

    private static ChatRequestParameters parameters(ModelVersion version, boolean openAi) {
        return requestParameters(version.provider(), version.modelId(), version.parameters());
    }

    /**
     * Parameters in the provider's flavour ({@code modelId} null: keep the client's). Anthropic takes no penalties
     * or seed, so those are left out for it rather than refused.
     */
    public static ChatRequestParameters requestParameters(Provider provider, String modelId, ModelParameters p) {
        if (!speaksOpenAi(provider)) {
            var builder = ChatRequestParameters.builder().modelName(modelId);
            if (p != null) {
                builder.temperature(p.temperature())
                        .topP(p.topP())
                        .maxOutputTokens(p.maxTokens())
                        .stopSequences(p.stop());
            }
            return builder.build();
        }
        var builder = OpenAiChatRequestParameters.builder().modelName(modelId);
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

package io.parapet.server.gateway;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.parapet.core.ParapetException;
import io.parapet.core.Problem;
import io.parapet.guardrails.AnonymizationVault;
import io.parapet.guardrails.Direction;
import io.parapet.guardrails.GuardrailEngine;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.Verdict;
import io.parapet.registry.Message;
import io.parapet.registry.ModelClients;
import io.parapet.registry.ModelService;
import io.parapet.registry.ModelVersion;
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptType;
import io.parapet.registry.Rendered;
import io.parapet.registry.ResolvedPrompt;
import io.parapet.registry.VersionRef;
import io.parapet.server.guardrails.PolicyResolver;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * One chat completion through Parapet: resolve the model or registry prompt, render it, scan the input, call the
 * model, scan the output and give placeholders back their values. Models are the built-in {@code echo} provider
 * (it answers with the last user message, as the upstream received it) and OpenAI-compatible endpoints through
 * langchain4j; other providers, streaming and the resilience rules follow.
 */
@Singleton
class ChatGateway {
    static final String PROMPT_PREFIX = "prompt:";

    private final PromptService prompts;
    private final ModelService models;
    private final PolicyResolver policies;
    private final GuardrailEngine engine;
    private final ModelClients clients;

    ChatGateway(
            PromptService prompts,
            ModelService models,
            PolicyResolver policies,
            GuardrailEngine engine,
            ModelClients clients) {
        this.prompts = prompts;
        this.models = models;
        this.policies = policies;
        this.engine = engine;
        this.clients = clients;
    }

    /** The model endpoint failed or answered garbage: the caller answers 502 with the reason. */
    static final class UpstreamFailed extends RuntimeException {
        UpstreamFailed(String model, RuntimeException cause) {
            super(
                    "the model '" + model + "' failed: " + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage())),
                    cause);
        }

        private static String firstLine(String s) {
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }

    /** What the caller gets, and what the response headers report. */
    record Completion(
            String answer,
            String promptVersion,
            String modelVersion,
            String guardrails,
            int promptTokens,
            int completionTokens) {}

    /** Thrown when a guardrail blocks: the caller answers 400 with type {@code guardrail_violation}. */
    static final class Blocked extends RuntimeException {
        final String scanner;
        final String direction;

        Blocked(String direction, String scanner) {
            super("the " + direction + " was blocked by the '" + scanner + "' guardrail");
            this.scanner = scanner;
            this.direction = direction;
        }
    }

    Completion complete(ChatRequest request) {
        if (request.stream()) {
            throw ParapetException.invalidField("stream", "streaming is not supported by this gateway version yet");
        }
        List<ChatRequest.ChatMessage> conversation = new ArrayList<>();
        String promptVersion = null;
        String renderedPrompt = null;
        PolicyResolver.Resolved policy;
        String modelName = request.model();
        if (modelName.startsWith(PROMPT_PREFIX)) {
            VersionRef ref = VersionRef.parse(modelName.substring(PROMPT_PREFIX.length()), "model");
            ResolvedPrompt compiled = prompts.compile(ref.prompt(), ref.label(), ref.version());
            Rendered rendered = compiled.render(request.variables());
            promptVersion = rendered.name() + "#" + rendered.version();
            if (rendered.type() == PromptType.TEXT) {
                conversation.add(new ChatRequest.ChatMessage("system", rendered.text()));
                renderedPrompt = rendered.text();
            } else {
                StringBuilder text = new StringBuilder();
                for (Message m : rendered.messages()) {
                    conversation.add(new ChatRequest.ChatMessage(m.role(), m.content()));
                    text.append(m.content()).append('\n');
                }
                renderedPrompt = text.toString();
            }
            policy = policies.forPrompt(compiled.version());
            modelName = compiled.version().model() == null
                    ? "echo"
                    : compiled.version().model().name();
        } else {
            policy = policies.resolve(null);
        }
        ModelVersion model = model(modelName);
        AnonymizationVault vault = new AnonymizationVault();
        for (ChatRequest.ChatMessage m : request.messages()) {
            if (!m.role().equals("user")) {
                conversation.add(m);
                continue;
            }
            Verdict input = engine.scan(
                    policy.policy(), m.content(), new ScanContext(Direction.INPUT, promptVersion, null), vault);
            if (input.blocked()) {
                throw new Blocked("input", input.blockedBy());
            }
            conversation.add(new ChatRequest.ChatMessage("user", input.sanitized()));
        }
        String upstreamAnswer = model.provider().isDevelopment() ? echo(conversation) : call(model, conversation);
        Verdict output = engine.scan(
                policy.policy(),
                upstreamAnswer,
                new ScanContext(Direction.OUTPUT, promptVersion, renderedPrompt),
                vault);
        if (output.blocked()) {
            throw new Blocked("output", output.blockedBy());
        }
        String answer = vault.restore(output.sanitized());
        String summary = "policy=" + policy.source() + "; input=pass; output=pass";
        return new Completion(
                answer,
                promptVersion,
                model.name() + "#" + model.version(),
                summary,
                words(conversation),
                words(List.of(new ChatRequest.ChatMessage("assistant", answer))));
    }

    private ModelVersion model(String name) {
        ModelVersion model;
        try {
            model = models.get(name, null);
        } catch (ParapetException e) {
            if (e.problem() == Problem.NOT_FOUND) {
                throw ParapetException.notFound(
                        "model '" + name + "' does not exist: use a catalog model or" + " prompt:<name>@<label>");
            }
            throw e;
        }
        clients.check(model);
        return model;
    }

    private String call(ModelVersion model, List<ChatRequest.ChatMessage> conversation) {
        List<ChatMessage> messages = new ArrayList<>();
        for (ChatRequest.ChatMessage m : conversation) {
            messages.add(
                    switch (m.role()) {
                        case "system", "developer" -> SystemMessage.from(m.content());
                        case "assistant" -> AiMessage.from(m.content());
                        case "user" -> UserMessage.from(m.content());
                        default ->
                            throw ParapetException.invalidField(
                                    "messages", "role '" + m.role() + "' is not supported by this gateway version yet");
                    });
        }
        try {
            ChatResponse response = clients.chatModel(model).chat(messages);
            String text = response.aiMessage().text();
            return text == null ? "" : text;
        } catch (RuntimeException e) {
            throw new UpstreamFailed(model.name(), e);
        }
    }

    /** The development provider: the last user message, exactly as the upstream would have received it. */
    private static String echo(List<ChatRequest.ChatMessage> conversation) {
        for (int i = conversation.size() - 1; i >= 0; i--) {
            if (conversation.get(i).role().equals("user")) {
                return conversation.get(i).content();
            }
        }
        return "";
    }

    /** Usage for the echo provider, which has no tokenizer of its own: whitespace-separated words. */
    private static int words(List<ChatRequest.ChatMessage> messages) {
        int n = 0;
        for (ChatRequest.ChatMessage m : messages) {
            n += m.content().isBlank() ? 0 : m.content().trim().split("\\s+").length;
        }
        return n;
    }
}

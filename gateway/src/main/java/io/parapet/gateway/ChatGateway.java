package io.parapet.gateway;

import io.parapet.core.ParapetException;
import io.parapet.core.Problem;
import io.parapet.guardrails.AnonymizationVault;
import io.parapet.guardrails.Direction;
import io.parapet.guardrails.GuardrailEngine;
import io.parapet.guardrails.Policy;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.StreamingScan;
import io.parapet.guardrails.Verdict;
import io.parapet.registry.Message;
import io.parapet.registry.ModelClients;
import io.parapet.registry.ModelParameters;
import io.parapet.registry.ModelRef;
import io.parapet.registry.ModelVersion;
import io.parapet.registry.PromptCache;
import io.parapet.registry.PromptType;
import io.parapet.registry.Rendered;
import io.parapet.registry.ResolvedPrompt;
import io.parapet.registry.VersionRef;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

/**
 * One chat completion through Parapet: resolve the model or registry prompt, render it, scan the input, call the
 * model ({@link Upstream}), scan the output (as it streams, sentence by sentence) and give placeholders back their
 * values.
 */
@Singleton
public class ChatGateway {
    public static final String PROMPT_PREFIX = "prompt:";

    private final PromptCache cache;
    private final PolicyResolver policies;
    private final GuardrailEngine engine;
    private final Upstream upstream;
    private final CompletionEvents events;
    private final GatewaySettings settings;

    ChatGateway(
            PromptCache cache,
            PolicyResolver policies,
            GuardrailEngine engine,
            Upstream upstream,
            CompletionEvents events,
            GatewaySettings settings) {
        this.cache = cache;
        this.policies = policies;
        this.engine = engine;
        this.upstream = upstream;
        this.events = events;
        this.settings = settings;
    }

    /** What the caller gets, and what the response headers report. */
    public record Completion(
            String answer,
            String promptVersion,
            String modelVersion,
            String guardrails,
            int promptTokens,
            int completionTokens,
            List<ChatRequest.ToolCall> toolCalls) {}

    /** Thrown when a guardrail blocks: the caller answers 400 with type {@code guardrail_violation}. */
    public static final class Blocked extends RuntimeException {
        public final String scanner;
        public final String direction;
        /** The policy's refusal message, answered as a normal completion instead of the error; or null. */
        public final String refusal;

        Blocked(String direction, String scanner, String refusal) {
            this(direction, null, scanner, refusal);
        }

        /** @param source which client text was blocked, such as {@code variable 'question'}; null for the whole */
        Blocked(String direction, String source, String scanner, String refusal) {
            super("the " + direction + (source == null ? "" : " (" + source + ")") + " was blocked by the '" + scanner
                    + "' guardrail");
            this.scanner = scanner;
            this.direction = direction;
            this.refusal = refusal;
        }
    }

    /** A request made ready for the model: prompt rendered, input scanned, model chosen. */
    public record Prepared(
            List<ChatRequest.ChatMessage> conversation,
            String promptVersion,
            String renderedPrompt,
            PolicyResolver.Resolved policy,
            List<ModelVersion> models,
            ModelParameters parameters,
            Map<String, Object> extraBody,
            AnonymizationVault vault) {

        ScanContext outputContext() {
            return new ScanContext(Direction.OUTPUT, promptVersion, renderedPrompt);
        }

        /** The model asked first; the others are its fallbacks, in order. */
        ModelVersion model() {
            return models.get(0);
        }
    }

    /** @param keyPolicy the calling key's policy for catalog-model requests, or null for the server's */
    public Prepared prepare(ChatRequest request, CompletionTrace trace, String keyPolicy) {
        return prepare(request, trace, keyPolicy, null);
    }

    /**
     * As {@link #prepare(ChatRequest, CompletionTrace, String)}; {@code modelOverride} names a catalog model that
     * answers a registry prompt instead of its own (evaluations comparing models), with that model's defaults.
     */
    public Prepared prepare(ChatRequest request, CompletionTrace trace, String keyPolicy, String modelOverride) {
        List<ChatRequest.ChatMessage> conversation = new ArrayList<>();
        AnonymizationVault vault = new AnonymizationVault();
        String promptVersion = null;
        String renderedPrompt = null;
        PolicyResolver.Resolved policy;
        ModelRef ref = new ModelRef(request.model(), null, null);
        Map<String, Object> promptFormat = null;
        if (request.model().startsWith(PROMPT_PREFIX)) {
            VersionRef prompt = VersionRef.parse(request.model().substring(PROMPT_PREFIX.length()), "model");
            // A split label sends each caller to one side for good: the end user the client names, else its key.
            String caller = request.user() != null ? "user:" + request.user() : trace.budget();
            ResolvedPrompt compiled = cache.route(prompt.prompt(), prompt.label(), prompt.version(), caller);
            PolicyResolver.Resolved promptPolicy = policies.forPrompt(compiled.version());
            policy = promptPolicy;
            // Variable values are client text rendered into trusted template text: each is judged by the input
            // policy before it gets there, and what reaches the model is its sanitized form.
            Map<String, Object> variables = ClientText.scanVariables(
                    request.variables(),
                    (name, value) ->
                            scanClientText(promptPolicy, value, "variable '" + name + "'", null, trace, vault));
            Rendered rendered = compiled.render(variables);
            promptVersion = rendered.name() + "#" + rendered.version();
            trace.prompt(rendered.name(), rendered.version());
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
            promptFormat = compiled.version().responseFormat();
            ref = modelOverride != null
                    ? new ModelRef(modelOverride, null, null)
                    : compiled.version().model() == null
                            ? new ModelRef("echo", null, null)
                            : compiled.version().model();
        } else {
            String name = keyPolicy != null ? keyPolicy : settings.defaultPolicy();
            policy = "none".equals(name) ? new PolicyResolver.Resolved("none", Policy.none()) : policies.resolve(name);
        }
        ModelParameters parameters = parameters(request, ref);
        List<ModelVersion> chain = new ArrayList<>();
        chain.add(model(ref.name(), ref.version()));
        ref.fallbackNames().forEach(name -> chain.add(model(name, null)));
        ModelVersion model = chain.get(0);
        trace.model(model.name(), model.version(), policy.source());
        for (int i = 0; i < request.messages().size(); i++) {
            // Every message a client sends is untrusted, whatever its role: a client-written "system" message is
            // as much a way in as a user's, and tools' results carry indirect injection.
            ChatRequest.ChatMessage m = request.messages().get(i);
            String source = request.messages().size() == 1 ? null : "messages[" + i + "], " + m.role();
            String sanitized = scanClientText(policy, m.content(), source, promptVersion, trace, vault);
            conversation.add(new ChatRequest.ChatMessage(m.role(), sanitized, m.toolCalls(), m.toolCallId()));
        }
        Map<String, Object> extraBody = extraBody(request, promptFormat);
        trace.responseFormat(responseFormat(request, promptFormat));
        if (!extraBody.isEmpty()
                && chain.stream()
                        .anyMatch(m -> !m.provider().isDevelopment() && !ModelClients.speaksOpenAi(m.provider()))) {
            throw ParapetException.invalidField(
                    extraBody.keySet().iterator().next(),
                    "is passed to OpenAI-compatible providers only, and this chain has another");
        }
        return new Prepared(
                conversation, promptVersion, renderedPrompt, policy, List.copyOf(chain), parameters, extraBody, vault);
    }

    public Completion complete(Prepared p, CompletionTrace trace) {
        trace.upstreamStarted();
        Upstream.Answer reply = upstream.complete(p.models(), p.conversation(), p.parameters(), p.extraBody());
        String upstreamAnswer = reply.text();
        trace.upstreamEnded();
        trace.answeredBy(reply.model());
        trace.firstToken();
        Verdict output = scan(p.policy().policy(), upstreamAnswer, p.outputContext(), p.vault());
        trace.verdicts("output", upstreamAnswer, output.outcomes());
        trace.tokens(words(p.conversation()), words(upstreamAnswer));
        trace.usage(reply.usage());
        if (output.blocked()) {
            trace.end(CompletionTrace.Ending.CONTENT_FILTER, "blocked by " + output.blockedBy());
            throw new Blocked("output", output.blockedBy(), p.policy().policy().refusal());
        }
        trace.output(output.sanitized());
        trace.end(CompletionTrace.Ending.STOP, null);
        String answer = p.vault().restore(output.sanitized());
        return new Completion(
                answer,
                p.promptVersion(),
                reply.model().name() + "#" + reply.model().version(),
                summary(p),
                trace.inputTokens(),
                trace.outputTokens(),
                reply.toolCalls());
    }

    /** What may be sent to a streaming client: released text, or the scanner that blocked the rest. */
    public record Piece(String text, String blockedBy, String refusal) {}

    /**
     * The answer as it streams, held back by {@link StreamingScan} until each sentence is scanned, so blocked or
     * redacted text never leaves. Echo streams word by word; other providers do not stream yet.
     */
    public Flux<Piece> stream(Prepared p, CompletionTrace trace) {
        return Flux.defer(() -> {
            StreamingScan scan = p.policy().policy().isEmpty()
                    ? null
                    : new StreamingScan(
                            engine, p.policy().policy(), p.outputContext(), p.vault(), settings.streamHoldChars());
            StringBuilder raw = new StringBuilder();
            trace.upstreamStarted();
            Flux<StreamingScan.Release> releases = upstream.stream(
                            p.models(),
                            p.conversation(),
                            p.parameters(),
                            p.extraBody(),
                            trace::answeredBy,
                            response -> {
                                trace.usage(response.tokenUsage());
                                trace.toolCalls(Upstream.toolCalls(response));
                            })
                    .doOnNext(token -> {
                        trace.firstToken();
                        raw.append(token);
                    })
                    .doOnComplete(trace::upstreamEnded)
                    .map(token ->
                            scan == null ? new StreamingScan.Release(token, false, List.of()) : scan.accept(token))
                    .concatWith(Flux.defer(() -> scan == null ? Flux.empty() : Flux.just(scan.finish())));
            return releases.<Piece>handle((r, sink) -> {
                        trace.verdicts("output", r.text(), r.outcomes());
                        trace.output(r.text());
                        if (!r.text().isEmpty()) {
                            sink.next(new Piece(p.vault().restore(r.text()), null, null));
                        }
                        if (r.blocked()) {
                            trace.end(CompletionTrace.Ending.CONTENT_FILTER, "blocked by " + blocker(r));
                            sink.next(new Piece(
                                    "", blocker(r), p.policy().policy().refusal()));
                            sink.complete(); // cancels the upstream: nothing after a block is read or sent
                        }
                    })
                    .doOnComplete(() -> trace.end(CompletionTrace.Ending.STOP, null))
                    .doOnError(e -> trace.end(CompletionTrace.Ending.ERROR, e.getMessage()))
                    // Before the completion reaches the client's stream, whose usage chunk reports these.
                    .doOnTerminate(() -> trace.tokens(words(p.conversation()), words(raw.toString())))
                    .doFinally(signal -> {
                        if (signal == SignalType.CANCEL) { // the client went away
                            trace.end(CompletionTrace.Ending.CANCELLED, null);
                            trace.tokens(words(p.conversation()), words(raw.toString()));
                        }
                        events.finished(trace);
                    })
                    // Scanning blocks (models, JDBC-free but CPU-bound): keep it off the HTTP event loop.
                    .subscribeOn(Schedulers.fromExecutor(SCAN_THREADS));
        });
    }

    private static final java.util.concurrent.Executor SCAN_THREADS =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    /**
     * The parameters of the call: the prompt's, then what the client sets, which a prompt must allow by name
     * ({@code model.clientOverrides}); a catalog model takes any. Null means the model's own defaults.
     */
    private static ModelParameters parameters(ChatRequest request, ModelRef ref) {
        ModelParameters client = request.parameters();
        boolean prompt = request.model().startsWith(PROMPT_PREFIX);
        if (client != null && prompt) {
            List<String> refused = client.setNames().stream()
                    .filter(name -> !ref.clientOverrideNames().contains(name))
                    .toList();
            if (!refused.isEmpty()) {
                throw ParapetException.invalidField(
                        refused.get(0),
                        "this prompt does not let clients set " + refused + "; it allows " + ref.clientOverrideNames()
                                + " (model.clientOverrides)");
            }
        }
        ModelParameters base = ref.parameters();
        return base == null ? client : base.overriddenBy(client);
    }

    /** What goes to the provider as written: response_format (the request's, else the prompt's), tools. */
    private static Map<String, Object> responseFormat(ChatRequest request, Map<String, Object> promptFormat) {
        return request.responseFormat() != null ? request.responseFormat() : promptFormat;
    }

    private static Map<String, Object> extraBody(ChatRequest request, Map<String, Object> promptFormat) {
        Map<String, Object> extra = new java.util.LinkedHashMap<>();
        Map<String, Object> format = responseFormat(request, promptFormat);
        if (format != null) {
            extra.put("response_format", format);
        }
        if (request.tools() != null) {
            extra.putAll(request.tools());
        }
        return extra;
    }

    /** Scans with the policy, or passes the text as it is when the policy is {@code none}. */
    /** Judges one piece of client text by the input policy: its sanitized form, or {@link Blocked}. */
    private String scanClientText(
            PolicyResolver.Resolved policy,
            String text,
            String source,
            String promptVersion,
            CompletionTrace trace,
            AnonymizationVault vault) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Verdict input = scan(policy.policy(), text, new ScanContext(Direction.INPUT, promptVersion, null), vault);
        trace.verdicts("input", text, input.outcomes());
        if (input.blocked()) {
            trace.end(
                    CompletionTrace.Ending.INPUT_BLOCKED,
                    "blocked by " + input.blockedBy() + (source == null ? "" : " in " + source));
            throw new Blocked(
                    "input", source, input.blockedBy(), policy.policy().refusal());
        }
        if (source == null || !source.startsWith("variable")) {
            trace.input(input.sanitized()); // the event's input is the conversation; variables live in the prompt
        }
        return input.sanitized();
    }

    private Verdict scan(Policy policy, String text, ScanContext context, AnonymizationVault vault) {
        return policy.isEmpty()
                ? new Verdict(false, null, text, List.of(), vault, 0)
                : engine.scan(policy, text, context, vault);
    }

    public static String summary(Prepared p) {
        return "policy=" + p.policy().source() + "; input=pass; output=pass";
    }

    private static String blocker(StreamingScan.Release r) {
        return r.outcomes().stream()
                .filter(o -> o.enforced() && o.action() == io.parapet.guardrails.Action.BLOCK)
                .map(io.parapet.guardrails.ScannerOutcome::type)
                .findFirst()
                .orElse("guardrails");
    }

    private ModelVersion model(String name, Integer version) {
        try {
            return cache.model(name, version);
        } catch (ParapetException e) {
            if (e.problem() == Problem.NOT_FOUND) {
                throw ParapetException.notFound(
                        "model '" + name + "' does not exist: use a catalog model or prompt:<name>@<label>");
            }
            throw e;
        }
    }

    /** Usage until the gateway counts real tokens: whitespace-separated words. */
    static int words(List<ChatRequest.ChatMessage> messages) {
        int n = 0;
        for (ChatRequest.ChatMessage m : messages) {
            n += words(m.content());
        }
        return n;
    }

    static int words(String text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) { // no regex: this runs on every request's whole text
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                count++;
            }
            inWord = !space;
        }
        return count;
    }
}

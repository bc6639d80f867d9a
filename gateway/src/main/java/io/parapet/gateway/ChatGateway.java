package io.parapet.gateway;

import io.parapet.core.ParapetException;
import io.parapet.guardrails.Action;
import io.parapet.guardrails.AnonymizationVault;
import io.parapet.guardrails.Direction;
import io.parapet.guardrails.GuardrailEngine;
import io.parapet.guardrails.Policy;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScannerOutcome;
import io.parapet.guardrails.StreamingScan;
import io.parapet.guardrails.Verdict;
import io.parapet.registry.Message;
import io.parapet.registry.PromptType;
import io.parapet.registry.Rendered;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

/**
 * One chat completion through Parapet, whoever asks (the {@code /v1} API, the playground, an evaluation): admit the
 * caller, resolve the request into a {@link ChatPlan}, render the prompt, scan the input, call the model ({@link
 * Upstream}), scan the output (as it streams, sentence by sentence) and give placeholders back their values. Every
 * request that gets past admission ends here, in one way: its trace is closed into a {@link CompletionOutcome} and
 * recorded by {@link CompletionEvents}, and the caller gets that outcome with the answer, or inside the {@link
 * ChatError} it is refused with.
 */
@Singleton
public class ChatGateway {
    public static final String PROMPT_PREFIX = ChatPlanner.PROMPT_PREFIX;

    private static final Logger LOG = LoggerFactory.getLogger(ChatGateway.class);
    /** Scanning is CPU-bound (models): a stream's work runs here, off the HTTP event loop. */
    private static final Executor SCAN_THREADS = Executors.newVirtualThreadPerTaskExecutor();

    private final ChatPlanner planner;
    private final GuardrailEngine engine;
    private final Upstream upstream;
    private final CompletionEvents events;
    private final RateLimits limits;
    private final GatewaySettings settings;

    ChatGateway(
            ChatPlanner planner,
            GuardrailEngine engine,
            Upstream upstream,
            CompletionEvents events,
            RateLimits limits,
            GatewaySettings settings) {
        this.planner = planner;
        this.engine = engine;
        this.upstream = upstream;
        this.events = events;
        this.limits = limits;
        this.settings = settings;
    }

    /**
     * A whole answer: the model's (placeholders restored), or the policy's refusal message when a guardrail blocked
     * the request ({@code outcome.refusal()} is then set).
     *
     * @param guardrails what the {@code x-parapet-guardrails} header says
     */
    public record Answered(String text, ChatPlan plan, String guardrails, CompletionOutcome outcome) {}

    /** A streamed answer's parts: text that may be sent, then one {@link Done}, always last. */
    public sealed interface Piece permits Text, Done {}

    /** Text that has passed the output scan. */
    public record Text(String text) implements Piece {}

    /** The end of the stream and how it ended; a failure or block is in {@code outcome.failure()}. */
    public record Done(CompletionOutcome outcome) implements Piece {}

    /**
     * An answer about to stream: what the response headers report (known before the first token), and the pieces.
     *
     * @param answeringModel the model asked first; a fallback that takes over later is only in the outcome
     */
    public record Streaming(
            String requestId,
            ChatPlan plan,
            String answeringModel,
            String guardrails,
            long overheadMillis,
            Flux<Piece> pieces) {}

    public Answered complete(ChatRequest request, Caller caller) {
        return complete(request, caller, null);
    }

    /**
     * @param modelOverride a catalog model that answers a registry prompt instead of its own (evaluations comparing
     *     models), or null
     * @throws ChatError when the request is refused, blocked without a refusal message, or the model fails
     */
    public Answered complete(ChatRequest request, Caller caller, String modelOverride) {
        admit(caller);
        CompletionTrace trace = new CompletionTrace(caller.key(), caller.budget(), false);
        ChatPlan plan = null;
        try {
            plan = planner.plan(request, caller, modelOverride);
            Prepared p = prepare(plan, request, trace);
            String answer = call(p, trace);
            return new Answered(answer, plan, plan.guardrailsSummary(), events.record(trace));
        } catch (RuntimeException e) {
            ChatError error = fail(trace, e);
            if (error.outcome().refusal() != null) {
                return new Answered(error.outcome().refusal(), plan, refusalSummary(error.outcome()), error.outcome());
            }
            throw error;
        }
    }

    /**
     * Resolves the request and scans its input now, so a refusal is an HTTP error; the model is called when the
     * pieces are subscribed to.
     *
     * @throws ChatError when the request is refused or its input blocked without a refusal message
     */
    public Streaming stream(ChatRequest request, Caller caller) {
        admit(caller);
        CompletionTrace trace = new CompletionTrace(caller.key(), caller.budget(), true);
        ChatPlan plan = null;
        Prepared p;
        try {
            plan = planner.plan(request, caller, null);
            p = prepare(plan, request, trace);
        } catch (RuntimeException e) {
            ChatError error = fail(trace, e);
            CompletionOutcome outcome = error.outcome();
            if (outcome.refusal() == null) {
                throw error;
            }
            return new Streaming(
                    outcome.requestId(),
                    plan,
                    outcome.answeringModel(),
                    refusalSummary(outcome),
                    outcome.totalMillis(),
                    Flux.just(new Text(outcome.refusal()), new Done(outcome)));
        }
        return new Streaming(
                trace.requestId,
                plan,
                trace.answeringModel(),
                plan.guardrailsSummary(),
                trace.overheadMillis(),
                pieces(p, trace));
    }

    private void admit(Caller caller) {
        if (caller.metered()) {
            RateLimits.Refusal refusal =
                    limits.admit(caller.budget(), caller.requestsPerMinute(), caller.tokensPerMinute());
            if (refusal != null) {
                throw ChatError.rateLimited(refusal);
            }
        }
    }

    /**
     * Ends a request that got no answer: decides how it ended, records it, and gives the error the caller is told,
     * carrying the outcome. An unexpected failure (a bug) is logged and answered as a 500.
     */
    private ChatError fail(CompletionTrace trace, RuntimeException e) {
        ChatError error =
                switch (e) {
                    case ChatError.Blocked blocked -> blocked; // the trace knows where it was blocked
                    case ChatError chat -> chat;
                    case ParapetException refused -> ChatError.of(refused);
                    default -> {
                        LOG.error("chat request {} failed", trace.requestId, e);
                        yield ChatError.internal(e);
                    }
                };
        if (!(error instanceof ChatError.Blocked)) {
            trace.failed(error);
        }
        return error.recorded(events.record(trace));
    }

    private static String refusalSummary(CompletionOutcome outcome) {
        String direction = outcome.ending() == CompletionTrace.Ending.INPUT_BLOCKED ? "input" : "output";
        return "blocked " + direction + " by " + outcome.blockedBy() + "; answered with the refusal";
    }

    /** A request made ready for the model: prompt rendered, client text scanned and sanitized. */
    private record Prepared(
            ChatPlan plan,
            List<ChatRequest.ChatMessage> conversation,
            String renderedPrompt,
            AnonymizationVault vault) {

        ScanContext outputContext() {
            return new ScanContext(Direction.OUTPUT, plan.promptVersion(), renderedPrompt);
        }

        Policy policy() {
            return plan.policy().policy();
        }
    }

    private Prepared prepare(ChatPlan plan, ChatRequest request, CompletionTrace trace) {
        List<ChatRequest.ChatMessage> conversation = new ArrayList<>();
        AnonymizationVault vault = new AnonymizationVault();
        String renderedPrompt = null;
        trace.model(plan.model(), plan.policy().source());
        trace.responseFormat(plan.responseFormat());
        if (plan.prompt() != null) {
            // Variable values are client text rendered into trusted template text: each is judged by the input
            // policy before it gets there, and what reaches the model is its sanitized form.
            Map<String, Object> variables = ClientText.scanVariables(
                    request.variables(),
                    (name, value) -> scanClientText(plan, value, "variable '" + name + "'", trace, vault));
            Rendered rendered = plan.prompt().render(variables);
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
        }
        for (int i = 0; i < request.messages().size(); i++) {
            // Every message a client sends is untrusted, whatever its role: a client-written "system" message is
            // as much a way in as a user's, and tools' results carry indirect injection.
            ChatRequest.ChatMessage m = request.messages().get(i);
            String source = request.messages().size() == 1 ? null : "messages[" + i + "], " + m.role();
            String sanitized = scanClientText(plan, m.content(), source, trace, vault);
            conversation.add(new ChatRequest.ChatMessage(m.role(), sanitized, m.toolCalls(), m.toolCallId()));
        }
        return new Prepared(plan, conversation, renderedPrompt, vault);
    }

    /** The whole answer, output-scanned and restored; records the request when it passes. */
    private String call(Prepared p, CompletionTrace trace) {
        trace.upstreamStarted();
        Upstream.Answer reply = upstream.complete(
                p.plan().models(),
                p.conversation(),
                p.plan().parameters(),
                p.plan().extraBody());
        trace.upstreamEnded();
        trace.answeredBy(reply.model());
        trace.firstToken();
        trace.toolCalls(reply.toolCalls());
        Verdict output = scan(p.policy(), reply.text(), p.outputContext(), p.vault());
        trace.verdicts("output", reply.text(), output.outcomes());
        trace.tokens(Words.count(p.conversation()), Words.count(reply.text()));
        trace.usage(reply.usage());
        if (output.blocked()) {
            ChatError.Blocked blocked = new ChatError.Blocked(
                    "output", null, output.blockedBy(), p.policy().refusal());
            trace.blocked(blocked, "blocked by " + output.blockedBy());
            throw blocked;
        }
        trace.output(output.sanitized());
        trace.end(CompletionTrace.Ending.STOP, null);
        return p.vault().restore(output.sanitized());
    }

    /**
     * The answer as it streams, held back by {@link StreamingScan} until each sentence is scanned, so blocked or
     * redacted text never leaves; always ends with one {@link Done}. Echo streams word by word; other providers do
     * not stream yet.
     */
    private Flux<Piece> pieces(Prepared p, CompletionTrace trace) {
        return Flux.defer(() -> {
                    StreamingScan scan = p.policy().isEmpty()
                            ? null
                            : new StreamingScan(
                                    engine, p.policy(), p.outputContext(), p.vault(), settings.streamHoldChars());
                    StringBuilder raw = new StringBuilder();
                    Runnable countTokens = () -> trace.tokens(Words.count(p.conversation()), Words.count(raw));
                    trace.upstreamStarted();
                    Flux<StreamingScan.Release> releases = upstream.stream(
                                    p.plan().models(),
                                    p.conversation(),
                                    p.plan().parameters(),
                                    p.plan().extraBody(),
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
                            .map(token -> scan == null
                                    ? new StreamingScan.Release(token, false, List.of())
                                    : scan.accept(token))
                            .concatWith(Flux.defer(() -> scan == null ? Flux.empty() : Flux.just(scan.finish())));
                    Flux<Piece> text = releases.handle((r, sink) -> {
                        trace.verdicts("output", r.text(), r.outcomes());
                        trace.output(r.text());
                        if (!r.text().isEmpty()) {
                            sink.next(new Text(p.vault().restore(r.text())));
                        }
                        if (r.blocked()) {
                            String scanner = blocker(r);
                            ChatError.Blocked blocked = new ChatError.Blocked(
                                    "output", null, scanner, p.policy().refusal());
                            trace.blocked(blocked, "blocked by " + scanner);
                            if (blocked.refusal() != null) {
                                sink.next(new Text(blocked.refusal()));
                            }
                            sink.complete(); // cancels the upstream: nothing after a block is read or sent
                        }
                    });
                    return text.concatWith(Mono.fromSupplier(() -> {
                                countTokens.run();
                                trace.end(CompletionTrace.Ending.STOP, null);
                                return new Done(events.record(trace));
                            }))
                            .onErrorResume(e -> {
                                countTokens.run();
                                RuntimeException failure =
                                        e instanceof RuntimeException r ? r : new IllegalStateException(e);
                                return Mono.just(new Done(fail(trace, failure).outcome()));
                            })
                            .doFinally(signal -> {
                                if (signal == SignalType.CANCEL) { // the client went away
                                    trace.end(CompletionTrace.Ending.CANCELLED, null);
                                    countTokens.run();
                                    events.record(trace);
                                }
                            });
                })
                .subscribeOn(Schedulers.fromExecutor(SCAN_THREADS));
    }

    /** Judges one piece of client text by the input policy: its sanitized form, or {@link ChatError.Blocked}. */
    private String scanClientText(
            ChatPlan plan, String text, String source, CompletionTrace trace, AnonymizationVault vault) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Policy policy = plan.policy().policy();
        Verdict input = scan(policy, text, new ScanContext(Direction.INPUT, plan.promptVersion(), null), vault);
        trace.verdicts("input", text, input.outcomes());
        if (input.blocked()) {
            ChatError.Blocked blocked = new ChatError.Blocked("input", source, input.blockedBy(), policy.refusal());
            trace.blocked(blocked, "blocked by " + input.blockedBy() + (source == null ? "" : " in " + source));
            throw blocked;
        }
        if (source == null || !source.startsWith("variable")) {
            trace.input(input.sanitized()); // the event's input is the conversation; variables live in the prompt
        }
        return input.sanitized();
    }

    /** Scans with the policy, or passes the text as it is when the policy is {@code none}. */
    private Verdict scan(Policy policy, String text, ScanContext context, AnonymizationVault vault) {
        return policy.isEmpty()
                ? new Verdict(false, null, text, List.of(), vault, 0)
                : engine.scan(policy, text, context, vault);
    }

    private static String blocker(StreamingScan.Release r) {
        return r.outcomes().stream()
                .filter(o -> o.enforced() && o.action() == Action.BLOCK)
                .map(ScannerOutcome::type)
                .findFirst()
                .orElse("guardrails");
    }
}

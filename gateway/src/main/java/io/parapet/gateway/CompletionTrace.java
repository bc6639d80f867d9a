package io.parapet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.core.events.ChatCompletionEvent;
import io.parapet.core.events.ChatCompletionEvent.Verdict;
import io.parapet.guardrails.ScannerOutcome;
import io.parapet.registry.ModelVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What happened to one chat request, gathered as it goes through the gateway and written as the data of a {@code
 * parapet.chat.completion.v1} event: who asked, which prompt and model versions answered, how long each part took,
 * the tokens, every guardrail verdict with its score, the text as the policy left it (redacted or with
 * placeholders, never the restored values), and how it ended. Blocked and failed requests are traced too: the
 * monitors count block and error rates from them. One request's parts run one after another, never at once.
 */
public final class CompletionTrace {
    /** How a request ended, as OpenAI's {@code finish_reason} or Parapet's own reasons for the other endings. */
    public enum Ending {
        STOP("stop"),
        CONTENT_FILTER("content_filter"),
        INPUT_BLOCKED("input_blocked"),
        ERROR("error"),
        CANCELLED("cancelled");

        final String wire;

        Ending(String wire) {
            this.wire = wire;
        }
    }

    /** A scanner's findings in the text it scanned, kept so the playground can mark them. */
    public record Flagged(String direction, String text, ScannerOutcome outcome) {}

    private static final int MAX_FLAGGED = 20;

    public final String requestId = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    private final long startNanos = System.nanoTime();
    private final String key;
    private final String budget;
    private final boolean stream;
    private String prompt;
    private Integer promptVersion;
    private String model;
    private Integer modelVersion;
    private String policy;
    private String fallbackFrom;
    private ModelVersion answering;
    private final Map<String, Verdict> verdicts = new LinkedHashMap<>();
    private final List<Flagged> flagged = new ArrayList<>();
    private final StringBuilder input = new StringBuilder();
    private Map<String, Object> responseFormat;
    private final StringBuilder output = new StringBuilder();
    private long upstreamStart;
    private long upstreamNanos;
    private long firstTokenNanos = -1;
    private int inputTokens;
    private int outputTokens;
    private boolean providerCounted;
    private List<ChatRequest.ToolCall> toolCalls = List.of();
    private Ending ending;
    private String error;
    private String blockedBy;
    private String refusal;
    private ChatError failure;
    private final AtomicReference<CompletionOutcome> closed = new AtomicReference<>();

    public CompletionTrace(String key, String budget, boolean stream) {
        this.key = key;
        this.budget = budget;
        this.stream = stream;
    }

    void prompt(String name, int version) {
        this.prompt = name;
        this.promptVersion = version;
    }

    /** The response_format sent upstream, so online evaluation can check the answer against it. */
    void responseFormat(Map<String, Object> format) {
        this.responseFormat = format;
    }

    void model(ModelVersion asked, String policySource) {
        this.model = asked.name();
        this.modelVersion = asked.version();
        this.answering = asked;
        this.policy = policySource;
    }

    String key() {
        return key;
    }

    /** Whose rate-limit budget the request spends: the key's id (names need not be unique). */
    String budget() {
        return budget;
    }

    /** {@code name#version} of the model that answers: the one asked first, or the fallback that took over. */
    public String answeringModel() {
        return model + "#" + modelVersion;
    }

    /** A fallback answered instead of the model asked first. */
    void answeredBy(ModelVersion answering) {
        if (model != null && !(answering.name().equals(model) && answering.version() == modelVersion)) {
            fallbackFrom = model + "#" + modelVersion;
            model = answering.name();
            modelVersion = answering.version();
        }
        this.answering = answering;
    }

    /** Keeps each scanner's highest score per direction: a streamed answer is scanned sentence by sentence. */
    void verdicts(String direction, String text, List<ScannerOutcome> outcomes) {
        for (ScannerOutcome o : outcomes) {
            if (!o.findings().isEmpty() && flagged.size() < MAX_FLAGGED) {
                flagged.add(new Flagged(direction, text, o));
            }
            verdicts.merge(
                    direction + "/" + o.type(),
                    new Verdict(direction, o.type(), o.action().name().toLowerCase(), o.score(), o.triggered()),
                    (a, b) -> new Verdict(
                            direction,
                            a.scanner(),
                            a.action(),
                            Math.max(a.score(), b.score()),
                            a.triggered() || b.triggered()));
        }
    }

    void input(String sanitized) {
        input.append(input.isEmpty() ? "" : "\n").append(sanitized);
    }

    void output(String sanitized) {
        output.append(sanitized);
    }

    void upstreamStarted() {
        upstreamStart = System.nanoTime();
    }

    void firstToken() {
        if (firstTokenNanos < 0) {
            firstTokenNanos = System.nanoTime() - startNanos;
        }
    }

    void upstreamEnded() {
        if (upstreamStart > 0 && upstreamNanos == 0) {
            upstreamNanos = System.nanoTime() - upstreamStart;
        }
    }

    /** Estimated counts (words); they never replace the provider's own. */
    void tokens(int in, int out) {
        if (!providerCounted) {
            this.inputTokens = in;
            this.outputTokens = out;
        }
    }

    /** The provider's own token counts, when it reports them. */
    void usage(dev.langchain4j.model.output.TokenUsage usage) {
        if (usage != null && usage.inputTokenCount() != null && usage.outputTokenCount() != null) {
            this.inputTokens = usage.inputTokenCount();
            this.outputTokens = usage.outputTokenCount();
            this.providerCounted = true;
        }
    }

    /** The tool calls the answer ends with. */
    void toolCalls(List<ChatRequest.ToolCall> calls) {
        this.toolCalls = List.copyOf(calls);
    }

    /** The first ending set is the one that counts: a stream cancelled after its block is still a block. */
    void end(Ending ending, String error) {
        if (this.ending == null) {
            this.ending = ending;
            this.error = error;
        }
    }

    /** A guardrail blocked the request; the caller gets the policy's {@code refusal} when it has one. */
    void blocked(ChatError.Blocked blocked, String detail) {
        end(blocked.direction().equals("input") ? Ending.INPUT_BLOCKED : Ending.CONTENT_FILTER, detail);
        if (this.blockedBy == null) {
            this.blockedBy = blocked.scanner();
            this.refusal = blocked.refusal();
            this.failure = blocked.refusal() == null ? blocked : null;
        }
    }

    /** The request failed: the error is what the caller is told. */
    void failed(ChatError e) {
        end(Ending.ERROR, e.getMessage());
        if (this.failure == null && this.ending == Ending.ERROR) {
            this.failure = e;
        }
    }

    Ending ending() {
        return ending == null ? Ending.STOP : ending;
    }

    /** {@code name#version} of the prompt that answered, or null for a catalog model. */
    String promptRef() {
        return prompt == null ? null : prompt + "#" + promptVersion;
    }

    /** Whether the request got as far as choosing a model (only then is it a completion worth an event). */
    boolean hasModel() {
        return model != null;
    }

    /**
     * Fixes how the request ended, once. Only the call that closes the trace gets the outcome; a later one (a stream
     * cancelled after it completed, say) gets null, so a request is never recorded twice. {@link #closed()} gives it
     * to anyone after that.
     */
    CompletionOutcome close(int maxTextChars) {
        if (closed.get() != null) {
            return null;
        }
        List<Verdict> rounded = verdicts.values().stream()
                .map(v -> new Verdict(
                        v.direction(), v.scanner(), v.action(), Math.round(v.score() * 1000) / 1000.0, v.triggered()))
                .toList();
        CompletionOutcome outcome = new CompletionOutcome(
                requestId,
                ending(),
                blockedBy,
                failure,
                refusal,
                promptRef(),
                hasModel() ? answeringModel() : null,
                inputTokens,
                outputTokens,
                (System.nanoTime() - startNanos) / 1_000_000,
                firstTokenNanos < 0 ? null : firstTokenNanos / 1_000_000,
                overheadMillis(),
                answering == null || answering.prices() == null
                        ? null
                        : answering.prices().cost(inputTokens, outputTokens),
                rounded,
                List.copyOf(flagged),
                toolCalls,
                hasModel() ? toEvent(maxTextChars, rounded) : null);
        return closed.compareAndSet(null, outcome) ? outcome : null;
    }

    /** The outcome once the trace is closed, else null. */
    CompletionOutcome closed() {
        return closed.get();
    }

    /** Milliseconds spent in the gateway so far, without the upstream's share. */
    public long overheadMillis() {
        upstreamEnded();
        return (System.nanoTime() - startNanos - upstreamNanos) / 1_000_000;
    }

    /** The Kafka key: events of one prompt stay in order on one partition. */
    String eventKey() {
        return prompt != null ? prompt : "model:" + (model == null ? "unknown" : model);
    }

    /** Appended to a text cut for the event; the event's {@code <field>Chars} gives the original length. */
    static final String TRUNCATED = " …[truncated]";

    /**
     * The completion as its {@code parapet.chat.completion.v1} event. Texts longer than {@code maxTextChars} are
     * cut, so one huge request cannot make an event larger than Kafka takes.
     */
    private ChatCompletionEvent toEvent(int maxTextChars, List<Verdict> rounded) {
        upstreamEnded();
        long total = System.nanoTime() - startNanos;
        JsonNode format = null;
        Integer formatChars = null;
        if (responseFormat != null) {
            String schema = Json.write(responseFormat);
            if (schema.length() <= maxTextChars) {
                format = Json.read(schema);
            } else {
                formatChars = schema.length(); // too large to carry; monitors skip the check
            }
        }
        return new ChatCompletionEvent(
                requestId,
                key,
                stream,
                prompt,
                promptVersion,
                model,
                modelVersion,
                fallbackFrom,
                policy,
                new ChatCompletionEvent.Timings(
                        millis(total),
                        millis(upstreamNanos),
                        millis(total - upstreamNanos),
                        firstTokenNanos < 0 ? null : millis(firstTokenNanos)),
                new ChatCompletionEvent.Tokens(inputTokens, outputTokens, providerCounted ? "provider" : "words"),
                rounded,
                cut(input, maxTextChars),
                input.length() > maxTextChars ? input.length() : null,
                cut(output, maxTextChars),
                output.length() > maxTextChars ? output.length() : null,
                format,
                formatChars,
                (ending == null ? Ending.STOP : ending).wire,
                error);
    }

    private static String cut(CharSequence text, int max) {
        if (text.length() <= max) {
            return text.toString();
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.subSequence(0, end) + TRUNCATED;
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}

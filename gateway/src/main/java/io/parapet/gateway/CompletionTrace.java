package io.parapet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.core.events.ChatCompletionEvent;
import io.parapet.core.events.ChatCompletionEvent.Verdict;
import io.parapet.guardrails.ScannerOutcome;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
    private final Map<String, Verdict> verdicts = new LinkedHashMap<>();
    private final List<Flagged> flagged = new java.util.ArrayList<>();
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

    void model(String name, int version, String policySource) {
        this.model = name;
        this.modelVersion = version;
        this.policy = policySource;
    }

    String key() {
        return key;
    }

    /** Whose rate-limit budget the request spends: the key's id (names need not be unique). */
    String budget() {
        return budget;
    }

    int totalTokens() {
        return inputTokens + outputTokens;
    }

    /** {@code name#version} of the model that answers: the one asked first, or the fallback that took over. */
    public String answeringModel() {
        return model + "#" + modelVersion;
    }

    /** A fallback answered instead of the model asked first. */
    void answeredBy(io.parapet.registry.ModelVersion answering) {
        if (model != null && !(answering.name().equals(model) && answering.version() == modelVersion)) {
            fallbackFrom = model + "#" + modelVersion;
            model = answering.name();
            modelVersion = answering.version();
        }
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

    /** The tool calls a streamed answer ended with; the stream reports them in its last chunks. */
    public void toolCalls(List<ChatRequest.ToolCall> calls) {
        this.toolCalls = List.copyOf(calls);
    }

    public List<ChatRequest.ToolCall> toolCalls() {
        return toolCalls;
    }

    public int inputTokens() {
        return inputTokens;
    }

    public int outputTokens() {
        return outputTokens;
    }

    public void end(Ending ending, String error) {
        if (this.ending == null) {
            this.ending = ending;
            this.error = error;
        }
    }

    public Collection<Verdict> verdictList() {
        return verdicts.values();
    }

    public List<Flagged> flagged() {
        return flagged;
    }

    public Ending ending() {
        return ending == null ? Ending.STOP : ending;
    }

    String error() {
        return error;
    }

    /** {@code name#version} of the prompt that answered, or null for a catalog model. */
    public String promptRef() {
        return prompt == null ? null : prompt + "#" + promptVersion;
    }

    public long totalMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    public Long firstTokenMillis() {
        return firstTokenNanos < 0 ? null : firstTokenNanos / 1_000_000;
    }

    /** Whether the request got as far as choosing a model (only then is it a completion worth an event). */
    public boolean hasModel() {
        return model != null;
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
     * The {@code parapet.chat.completion.v1} data. Texts longer than {@code maxTextChars} are cut, so one huge
     * request cannot make an event larger than Kafka takes.
     */
    /** The completion as its {@code parapet.chat.completion.v1} event, texts cut to {@code maxTextChars}. */
    public ChatCompletionEvent toEvent(int maxTextChars) {
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
                verdicts.values().stream()
                        .map(v -> new Verdict(
                                v.direction(),
                                v.scanner(),
                                v.action(),
                                Math.round(v.score() * 1000) / 1000.0,
                                v.triggered()))
                        .toList(),
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

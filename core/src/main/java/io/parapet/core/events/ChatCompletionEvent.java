package io.parapet.core.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code data} of a {@code parapet.chat.completion.v1} event: the one record the gateway writes and every
 * consumer (the monitors, datasets from traffic) reads, so the contract has a type instead of hand-written JSON on
 * both sides. Readers ignore fields they do not know, so v1 may grow; removing or retyping a field is a v2. Its JSON
 * Schema is {@code docs/events/parapet.chat.completion.v1.schema.json}, and golden files keep old events readable.
 *
 * @param requestId the {@code chatcmpl-…} id the caller got
 * @param key the API key's name
 * @param prompt and {@code promptVersion}: the registry prompt that answered, or null for a catalog model
 * @param fallbackFrom the model that failed before {@code model} answered, or null
 * @param input the (redacted) request text, cut to the event's size limit; {@code inputChars} is its full length
 *     when it was cut
 * @param responseFormat the request's {@code response_format}, when small enough to carry; else only {@code
 *     responseFormatChars}
 * @param finishReason {@code stop}, {@code input_blocked}, {@code content_filter}, {@code error} or {@code
 *     cancelled}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionEvent(
        String requestId,
        String key,
        boolean stream,
        String prompt,
        Integer promptVersion,
        String model,
        Integer modelVersion,
        String fallbackFrom,
        String policy,
        Timings timings,
        Tokens tokens,
        List<Verdict> guardrails,
        String input,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer inputChars,
        String output,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer outputChars,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode responseFormat,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer responseFormatChars,
        String finishReason,
        String error) {

    public static final EventType TYPE = EventType.CHAT_COMPLETION;

    /** Milliseconds, to two decimals: the whole request, the upstream's share, and the first streamed token. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Timings(double totalMs, double upstreamMs, double overheadMs, Double firstTokenMs) {}

    /** Tokens in and out; {@code counted} is {@code provider} when the provider reported them, else {@code words}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tokens(int input, int output, String counted) {}

    /** One scanner's result on one direction ({@code input} or {@code output}), its score to three decimals. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Verdict(String direction, String scanner, String action, double score, boolean triggered) {}

    /**
     * What a reader cannot do without, each named: an event that lacks one goes to the dead letters with the list
     * instead of being half-read.
     */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (timings == null) {
            missing.add("missing field 'timings' (an object)");
        }
        if (tokens == null) {
            missing.add("missing field 'tokens' (an object)");
        }
        if (guardrails == null) {
            missing.add("missing field 'guardrails' (an array)");
        } else {
            for (Verdict v : guardrails) {
                if (v == null || v.direction() == null || v.scanner() == null) {
                    missing.add("a guardrail verdict lacks 'direction' or 'scanner'");
                    break;
                }
            }
        }
        if (finishReason == null) {
            missing.add("missing field 'finishReason' (a string)");
        }
        return missing;
    }
}

package io.parapet.gateway;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the gateway treats upstreams and callers ({@code parapet.gateway.*}).
 *
 * @param firstTokenTimeout how long a streamed answer may take to start (per attempt)
 * @param totalTimeout how long an answer may take altogether (per attempt when not streamed)
 * @param retries attempts after the first, on 429, 5xx, timeouts and connection errors; never after the first
 *     streamed token
 * @param retryBackoff the first retry's delay; each next one doubles, with ±50% jitter
 * @param retryMaxBackoff the longest delay between attempts
 * @param breakerFailureRate percent of failed calls (of the last {@code breakerWindow}) that opens a model's breaker
 * @param breakerWindow calls the failure rate is computed over (and the fewest before it can open)
 * @param breakerOpenFor how long an open breaker refuses calls before letting a few through to test the upstream
 * @param requestsPerMinute per API key, 0 for no limit
 * @param tokensPerMinute per API key (input and output tokens), 0 for no limit
 * @param defaultPolicy the guardrail policy of requests for a catalog model (prompts bring their own):
 *     {@code default}, a stored policy ({@code name@label}), or {@code none}
 * @param streamHoldChars the most streamed output held back unscanned while waiting for a sentence to end (then it
 *     is cut at the last space and scanned); bounded so a caller cannot make the gateway buffer a whole answer
 */
@ConfigurationProperties("parapet.gateway")
public record GatewaySettings(
        @Bindable(defaultValue = "30s") Duration firstTokenTimeout,
        @Bindable(defaultValue = "120s") Duration totalTimeout,
        @Bindable(defaultValue = "2") int retries,
        @Bindable(defaultValue = "200ms") Duration retryBackoff,
        @Bindable(defaultValue = "5s") Duration retryMaxBackoff,
        @Bindable(defaultValue = "50") int breakerFailureRate,
        @Bindable(defaultValue = "10") int breakerWindow,
        @Bindable(defaultValue = "30s") Duration breakerOpenFor,
        @Bindable(defaultValue = "0") int requestsPerMinute,
        @Bindable(defaultValue = "0") long tokensPerMinute,
        @Bindable(defaultValue = "default") String defaultPolicy,
        @Bindable(defaultValue = "400") int streamHoldChars) {
    /** Bounds of {@code stream-hold-chars}: below, sentences are cut mid-word; above, blocked text waits too long. */
    static final int MIN_HOLD_CHARS = 16;

    static final int MAX_HOLD_CHARS = 16_384;

    public GatewaySettings {
        if (streamHoldChars < MIN_HOLD_CHARS || streamHoldChars > MAX_HOLD_CHARS) {
            throw new IllegalArgumentException("parapet.gateway.stream-hold-chars must be between " + MIN_HOLD_CHARS
                    + " and " + MAX_HOLD_CHARS + ", not " + streamHoldChars);
        }
    }
}

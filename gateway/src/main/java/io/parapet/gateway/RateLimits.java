package io.parapet.gateway;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key request and token budgets of the chat API (bucket4j token buckets, refilled gradually over a minute). A
 * request needs one request token and a token budget that is not spent; its actual tokens are charged when it
 * ends, so one long answer may overdraw the budget and the next requests wait until it refills. Buckets live in
 * this process: with N gateway instances a key gets up to N times the limit.
 */
@Singleton
public class RateLimits {
    /** Refused: the caller should wait {@code retryAfterSeconds}. */
    public record Refusal(String what, long limit, long retryAfterSeconds) {}

    private final GatewaySettings settings;
    private final Map<String, Bucket> requests = new ConcurrentHashMap<>();
    private final Map<String, Bucket> tokens = new ConcurrentHashMap<>();

    RateLimits(GatewaySettings settings) {
        this.settings = settings;
    }

    /**
     * Takes one request from the key's budget, or says how long to wait. A key's own limits (set when it was
     * created) win over the server's; 0 means no limit.
     */
    public Refusal admit(String key, Integer ownRequests, Long ownTokens) {
        long rpm = ownRequests != null ? ownRequests : settings.requestsPerMinute();
        long tpm = ownTokens != null ? ownTokens : settings.tokensPerMinute();
        if (rpm > 0) {
            ConsumptionProbe probe =
                    requests.computeIfAbsent(key, k -> perMinute(rpm)).tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                return new Refusal("requests", rpm, seconds(probe.getNanosToWaitForRefill()));
            }
        }
        if (tpm > 0) {
            EstimationProbe probe =
                    tokens.computeIfAbsent(key, k -> perMinute(tpm)).estimateAbilityToConsume(1);
            if (!probe.canBeConsumed()) {
                return new Refusal("tokens", tpm, seconds(probe.getNanosToWaitForRefill()));
            }
        }
        return null;
    }

    /** Charges the tokens a finished request used (to a key with a token budget). */
    void charge(String key, int used) {
        Bucket bucket = tokens.get(key);
        if (bucket != null && used > 0) {
            bucket.consumeIgnoringRateLimits(used);
        }
    }

    private static Bucket perMinute(long limit) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit)
                        .refillGreedy(limit, Duration.ofMinutes(1))
                        .build())
                .build();
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999) / 1_000_000_000);
    }
}

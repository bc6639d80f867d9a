package io.parapet.server.gateway;

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
class RateLimits {
    /** Refused: the caller should wait {@code retryAfterSeconds}. */
    record Refusal(String what, long limit, long retryAfterSeconds) {}

    private final GatewaySettings settings;
    private final Map<String, Bucket> requests = new ConcurrentHashMap<>();
    private final Map<String, Bucket> tokens = new ConcurrentHashMap<>();

    RateLimits(GatewaySettings settings) {
        this.settings = settings;
    }

    /** Takes one request from the key's budget, or says how long to wait. */
    Refusal admit(String key) {
        if (settings.requestsPerMinute() > 0) {
            ConsumptionProbe probe = requests.computeIfAbsent(key, k -> perMinute(settings.requestsPerMinute()))
                    .tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                return new Refusal("requests", settings.requestsPerMinute(), seconds(probe.getNanosToWaitForRefill()));
            }
        }
        if (settings.tokensPerMinute() > 0) {
            EstimationProbe probe = tokenBucket(key).estimateAbilityToConsume(1);
            if (!probe.canBeConsumed()) {
                return new Refusal("tokens", settings.tokensPerMinute(), seconds(probe.getNanosToWaitForRefill()));
            }
        }
        return null;
    }

    /** Charges the tokens a finished request used. */
    void charge(String key, int used) {
        if (settings.tokensPerMinute() > 0 && used > 0) {
            tokenBucket(key).consumeIgnoringRateLimits(used);
        }
    }

    private Bucket tokenBucket(String key) {
        return tokens.computeIfAbsent(key, k -> perMinute(settings.tokensPerMinute()));
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

package io.parapet.ui.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password and key guessing: each client address may fail {@link #FAILURES} times per account (a
 * username, or "key" for key sign-ins) within {@link #WINDOW}; after that, sign-in is refused until the window
 * refills. Successful sign-ins cost nothing. Counts are per instance, like the gateway's rate limits.
 */
@Singleton
public class SignInThrottle {
    static final int FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 10_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Seconds to wait before this client may try this account again; 0 when it may try now. */
    public long waitSeconds(String client, String account) {
        Bucket bucket = buckets.get(key(client, account));
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return 0;
        }
        return Math.max(1, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill() / 1_000_000_000L);
    }

    public void failed(String client, String account) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear(); // bounded memory under a spray of addresses; guessing one account still counts
        }
        buckets.computeIfAbsent(key(client, account), k -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(FAILURES)
                                .refillGreedy(FAILURES, WINDOW)
                                .build())
                        .build())
                .tryConsume(1);
    }

    private static String key(String client, String account) {
        return client + "|" + (account == null ? "" : account.trim().toLowerCase(Locale.ROOT));
    }
}

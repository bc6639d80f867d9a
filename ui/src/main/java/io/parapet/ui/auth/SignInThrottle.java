package io.parapet.ui.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;

/**
 * Slows down password and key guessing. Each client address may fail {@link #FAILURES} times per account (a
 * username, or one presented key) and {@link #ADDRESS_FAILURES} times over all accounts within {@link #WINDOW};
 * after that, sign-in is refused until the window refills. The per-address ceiling is what stops key guessing,
 * since every guessed key is a new account; per-key buckets keep one user's typos from locking out everyone
 * behind the same address. Successful sign-ins cost nothing. Counts are per instance, like the gateway's rate
 * limits; memory is bounded by evicting the least useful counters, never by forgetting them all at once.
 */
@Singleton
public class SignInThrottle {
    static final int FAILURES = 10;
    static final int ADDRESS_FAILURES = 50;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    private final Cache<String, Bucket> perAccount = counters();
    private final Cache<String, Bucket> perAddress = counters();

    /** Seconds to wait before this client may try this account again; 0 when it may try now. */
    public long waitSeconds(String client, String account) {
        return Math.max(wait(perAccount.getIfPresent(key(client, account))), wait(perAddress.getIfPresent(client)));
    }

    public void failed(String client, String account) {
        perAccount.get(key(client, account), k -> bucket(FAILURES)).tryConsume(1);
        perAddress.get(client, k -> bucket(ADDRESS_FAILURES)).tryConsume(1);
    }

    private static long wait(Bucket bucket) {
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return 0;
        }
        return Math.max(1, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill() / 1_000_000_000L);
    }

    private static Cache<String, Bucket> counters() {
        // A counter untouched for a whole window has refilled: forgetting it changes nothing.
        return Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .expireAfterAccess(WINDOW)
                .build();
    }

    private static Bucket bucket(int failures) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(failures)
                        .refillGreedy(failures, WINDOW)
                        .build())
                .build();
    }

    private static String key(String client, String account) {
        return client + "|" + (account == null ? "" : account.trim().toLowerCase(Locale.ROOT));
    }
}

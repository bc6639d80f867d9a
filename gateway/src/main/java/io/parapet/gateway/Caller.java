package io.parapet.gateway;

/**
 * Who is asking: the name events carry ({@code key}), whose budget the request spends (the key's id, since names need
 * not be unique), the key's own limits and its guardrail policy for catalog models.
 *
 * @param requestsPerMinute the key's own limit, or null for the server's
 * @param tokensPerMinute the key's own limit, or null for the server's
 * @param defaultPolicy the key's policy for catalog-model requests, or null for the server's
 * @param metered whether rate limits apply
 */
public record Caller(
        String key,
        String budget,
        Integer requestsPerMinute,
        Long tokensPerMinute,
        String defaultPolicy,
        boolean metered) {

    /** A key calling the API: admitted by its rate limits. */
    public static Caller key(
            String key, String budget, Integer requestsPerMinute, Long tokensPerMinute, String defaultPolicy) {
        return new Caller(key, budget, requestsPerMinute, tokensPerMinute, defaultPolicy, true);
    }

    /**
     * A caller inside the platform (the playground, an evaluation run): the server's policy, and no rate limit,
     * since its pace is set by a person or by the run's own concurrency; its tokens are still counted.
     */
    public static Caller internal(String name) {
        return new Caller(name, name, null, null, null, false);
    }
}

package io.parapet.server.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What one API key changes in the chat gateway; null fields take the server-wide defaults.
 *
 * @param defaultPolicy the guardrail policy of this key's catalog-model requests: {@code default}, {@code none} or a
 *     stored policy {@code name@label} (prompts bring their own)
 * @param requestsPerMinute this key's request budget, 0 for none
 * @param tokensPerMinute this key's token budget, 0 for none
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyGatewaySettings(
        @Nullable String defaultPolicy,
        @Nullable Integer requestsPerMinute,
        @Nullable Long tokensPerMinute) {
    public static final KeyGatewaySettings DEFAULTS = new KeyGatewaySettings(null, null, null);

    /** The authentication attribute that carries these settings and the key's id. */
    public static final String ATTRIBUTE = "parapet.gateway";

    /** Settings and identity of the authenticated key, as the gateway reads them from the authentication. */
    public record OfKey(long keyId, KeyGatewaySettings settings) {}
}

package io.parapet.core;

import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets (API keys, session and CSRF tokens): URL-safe base64 of bytes from one {@link SecureRandom}. */
public final class SecureTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecureTokens() {}

    /** A new API key: {@code pk_} and 256 random bits (chat keys of deployments, admin and user keys). */
    public static String apiKey() {
        return "pk_" + urlSafe(32);
    }

    /** {@code bytes} random bytes (32 = 256 bits) as unpadded URL-safe base64. */
    public static String urlSafe(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}

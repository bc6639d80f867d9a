package io.parapet.streaming.webhooks;

import io.parapet.core.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The {@code X-Parapet-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">} under the
 * webhook's secret. The time is signed with the body so a captured delivery cannot be replayed later: receivers
 * should recompute it, compare in constant time, and refuse times more than a few minutes old.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Parapet-Signature";

    private WebhookSignature() {}

    public static String sign(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds + "." + body));
    }

    /** Whether {@code header} is a valid signature of {@code body} under {@code secret} (time not checked). */
    public static boolean verify(String secret, String header, String body) {
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        byte[] expected = hmac(secret, t + "." + body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(v1);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    private static byte[] hmac(String secret, String message) {
        return Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), message);
    }
}

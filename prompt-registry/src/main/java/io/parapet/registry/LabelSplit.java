package io.parapet.registry;

import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * A label that splits traffic: {@code percent} of callers get {@code canaryVersion}, the others the label's own
 * {@code stableVersion}. Which side a caller is on depends only on the prompt, the label and the caller, so a caller
 * stays on one side for the whole rollout step, and a caller on the canary at 10 % is still on it at 50 %.
 */
@Serdeable
public record LabelSplit(
        String prompt,
        String label,
        int stableVersion,
        int canaryVersion,
        int percent,
        Instant updatedAt,
        String updatedBy) {

    /** Whether {@code caller} (a key id or a client-given user id) gets the canary. */
    public boolean routesToCanary(String caller) {
        return bucket(prompt, label, caller) < percent;
    }

    /** The caller's bucket, 0 to 99: the first 8 bytes of SHA-256 over prompt, label and caller. */
    static int bucket(String prompt, String label, String caller) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JRE has SHA-256
        }
        byte[] digest = sha.digest((prompt + '\0' + label + '\0' + caller).getBytes(StandardCharsets.UTF_8));
        long first = 0;
        for (int i = 0; i < 8; i++) {
            first = (first << 8) | (digest[i] & 0xff);
        }
        return (int) Long.remainderUnsigned(first, 100);
    }
}

package io.parapet.core;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts provider credentials and webhook secrets with AES-256-GCM under the master key ({@code PARAPET_MASTER_KEY}, base64 of 32
 * bytes). In local mode, with no key configured, one is generated into {@code <parapet.home>/master-key}.
 * A credential's fingerprint is an HMAC under the same key, so equal credentials can be recognised without
 * decrypting, and the fingerprint reveals nothing without the key.
 */
@Singleton
public class CredentialCipher {
    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    CredentialCipher(
            @Value("${parapet.master-key:}") @Nullable String masterKey,
            @Value("${parapet.home:}") @Nullable String home) {
        this.key = new SecretKeySpec(loadKey(masterKey, home), "AES");
    }

    public String encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public String decrypt(String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("unknown credential format");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("credential cannot be decrypted: was PARAPET_MASTER_KEY changed?", e);
        }
    }

    public String fingerprint(String plain) {
        return HexFormat.of().formatHex(Hmac.sha256(key.getEncoded(), plain));
    }

    private static byte[] loadKey(String configured, String home) {
        if (configured != null && !configured.isBlank()) {
            return decodeKey(configured.trim(), "PARAPET_MASTER_KEY");
        }
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("PARAPET_MASTER_KEY is not set: give 32 random bytes in base64"
                    + " (for example from 'openssl rand -base64 32')");
        }
        Path file = Path.of(home, "master-key");
        try {
            if (Files.exists(file)) {
                return decodeKey(Files.readString(file).trim(), file.toString());
            }
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            Files.createDirectories(file.getParent());
            PrivateFiles.write(file, Base64.getEncoder().encodeToString(fresh) + "\n");
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key " + file, e);
        }
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(source + " must be 32 bytes (base64), not " + bytes.length);
        }
        return bytes;
    }
}

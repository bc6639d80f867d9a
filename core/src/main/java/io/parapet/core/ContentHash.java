package io.parapet.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over canonical JSON (object keys sorted, no insignificant white space), so that two requests with the
 * same content in a different key order hash alike. Versions are content-addressed with it.
 */
public final class ContentHash {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ContentHash() {}

    public static String of(JsonNode content) {
        return sha256(canonical(content));
    }

    /** The canonical JSON text of {@code content}: what is hashed, and what versions store. */
    public static String canonical(JsonNode content) {
        try {
            // Round-tripping through a sorted map gives the key order; JsonNode itself keeps insertion order.
            Object sorted = CANONICAL.treeToValue(content, Object.class);
            return CANONICAL.writeValueAsString(sorted);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("content is not serialisable", e);
        }
    }

    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

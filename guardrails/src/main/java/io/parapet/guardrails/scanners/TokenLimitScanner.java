package io.parapet.guardrails.scanners;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.Scanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blocks text longer than {@code maxTokens}, counted with a HuggingFace tokenizer through DJL (the Rust tokenizers
 * library). The default tokenizer is MiniLM's WordPiece, bundled with the embedding model; configure the
 * {@code tokenizer.json} of the model you call for exact counts. Tokenizers load once per file and are shared.
 */
final class TokenLimitScanner implements Scanner {
    static final String BUNDLED = "all-minilm-l6-v2-q-tokenizer.json";
    private static final Map<String, HuggingFaceTokenizer> LOADED = new ConcurrentHashMap<>();
    private static final Map<String, String> OPTIONS =
            Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;

    TokenLimitScanner(String tokenizerFile, int maxTokens) {
        // Keyed by the resolved file, so another spelling of the same path ("a/../t.json") shares the loaded one.
        String key = tokenizerFile == null
                ? BUNDLED
                : Configs.modelFile(tokenizerFile, "tokenizer").toString();
        this.tokenizer = LOADED.computeIfAbsent(key, TokenLimitScanner::load);
        this.maxTokens = maxTokens;
    }

    @Override
    public ScanResult scan(ScanText text, ScanContext context) {
        // WordPiece makes at most one token per character and byte-level BPE one per UTF-8 byte, so text with no
        // more bytes than the limit cannot exceed it: most requests skip the tokenizer.
        if (utf8Length(text.original()) <= maxTokens) {
            return ScanResult.CLEAN;
        }
        int count = count(text.original());
        if (count <= maxTokens) {
            return ScanResult.CLEAN;
        }
        String detail = count + " tokens, limit " + maxTokens;
        return ScanResult.of(
                List.of(new Finding("TOKEN_LIMIT", 0, text.original().length(), detail, 1.0)));
    }

    private static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** How many tokenizers are loaded: one per distinct file, however its path is spelt. */
    static int loadedTokenizers() {
        return LOADED.size();
    }

    int count(String text) {
        return tokenizer.encode(text, false, false).getIds().length;
    }

    private static HuggingFaceTokenizer load(String file) {
        try {
            if (file.equals(BUNDLED)) {
                try (InputStream in = TokenLimitScanner.class.getClassLoader().getResourceAsStream(BUNDLED)) {
                    return HuggingFaceTokenizer.newInstance(in, OPTIONS);
                }
            }
            Path path = Path.of(file);
            if (!Files.isReadable(path)) {
                throw new IllegalArgumentException("tokenizer file '" + file + "' does not exist or cannot be read");
            }
            return HuggingFaceTokenizer.newInstance(path, OPTIONS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer " + file, e);
        }
    }
}

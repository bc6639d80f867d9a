package io.parapet.guardrails.classify;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Loading and running user-supplied HuggingFace ONNX exports with their {@code tokenizer.json}: one onnxruntime
 * thread per call (requests run in parallel), inputs named as transformers exports name them, at most 512 tokens.
 */
public final class OnnxModels {
    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

    private OnnxModels() {}

    public static OrtSession session(Path model) {
        require(model, "model");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            return ENVIRONMENT.createSession(model.toString(), options);
        } catch (OrtException e) {
            throw new IllegalArgumentException("onnxruntime cannot load model '" + model + "': " + e.getMessage());
        }
    }

    /** A session for a model shipped on the classpath (one of the {@link Encoder} jars). */
    static OrtSession session(byte[] model) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return ENVIRONMENT.createSession(model, options);
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime cannot load a shipped model: " + e.getMessage(), e);
        }
    }

    public static HuggingFaceTokenizer tokenizer(Path tokenizerJson) {
        require(tokenizerJson, "tokenizer");
        try {
            return HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("truncation", "true", "maxLength", "512"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the model on one encoded text; returns its first output ([1][classes] or [1][tokens][classes]). */
    public static Object run(OrtSession session, Encoding encoding) {
        return run(session, encoding.getIds(), encoding.getAttentionMask(), encoding.getTypeIds());
    }

    /**
     * Each piece's span in {@code text} in UTF-16 units, as {starts, ends}; -1 for a piece with no span ([CLS], [SEP]).
     * The tokenizer counts code points and Java strings UTF-16 units: past a character outside the basic plane (an
     * emoji, 𝒜) the two differ, and a name would be reported, and redacted, left of where it is.
     */
    public static int[][] pieceSpans(String text, Encoding encoding) {
        CharSpan[] spans = encoding.getCharTokenSpans();
        int[] charIndex = charIndexOfCodePoint(text);
        int[] starts = new int[spans.length];
        int[] ends = new int[spans.length];
        for (int i = 0; i < spans.length; i++) {
            starts[i] = spans[i] == null ? -1 : charIndex[spans[i].getStart()];
            ends[i] = spans[i] == null ? -1 : charIndex[spans[i].getEnd()];
        }
        return new int[][] {starts, ends};
    }

    private static int[] charIndexOfCodePoint(String text) {
        int[] index = new int[text.codePointCount(0, text.length()) + 1];
        int cp = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            index[cp++] = i;
        }
        index[cp] = text.length();
        return index;
    }

    /** Runs the model on one sequence of token ids, with its attention mask and token types; returns its first output. */
    static Object run(OrtSession session, long[] ids, long[] attentionMask, long[] typeIds) {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", tensor(ids));
            if (session.getInputNames().contains("attention_mask")) {
                inputs.put("attention_mask", tensor(attentionMask));
            }
            if (session.getInputNames().contains("token_type_ids")) {
                inputs.put("token_type_ids", tensor(typeIds));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                return result.get(0).getValue();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("inference failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static OnnxTensor tensor(long[] values) throws OrtException {
        return OnnxTensor.createTensor(ENVIRONMENT, new long[][] {values});
    }

    private static void require(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(what + " file '" + file + "' does not exist or cannot be read");
        }
    }
}

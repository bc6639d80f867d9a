package io.parapet.guardrails.classify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

/**
 * Sentence embeddings from a small quantized encoder (all-MiniLM-L6-v2 unless {@code parapet.embeddings.model} names
 * another {@link Encoder}), run in process with onnxruntime through langchain4j. The model loads once per JVM, on
 * first use, and is shared by every scanner; vectors are unit length, so a dot product is the cosine similarity.
 */
public final class Embeddings {
    public static final int DIMENSIONS = 384;

    /**
     * Texts longer than this are embedded as their first and last halves of it. MiniLM costs about 0.25 ms per token
     * on one core of the reference machine, so a 1 KB text would take ~18 ms; attacks and insults sit at the start
     * or the end of a text far more often than in the middle, and the phrase rules still read all of it.
     */
    public static final int MAX_CHARS = Integer.getInteger("parapet.embeddings.maxChars", 512);

    /**
     * Embeddings of this many recent texts are kept (about 2.5 KB each), so a text seen again, such as a chat app's
     * fixed instructions sent with every request or a common first message, costs a look-up instead of a model run.
     * The embedding is a pure function of the text, so a kept one is the one the model would give; the verdict is
     * still made anew from it. 0 turns it off.
     */
    static final int CACHE_SIZE = Integer.getInteger("parapet.embeddings.cacheSize", 10_000);

    private Embeddings() {}

    /** The encoder this JVM embeds with. */
    public static Encoder encoder() {
        return Encoder.active();
    }

    private static final class Model {
        static final Encoder ENCODER = Encoder.active();
        static final EmbeddingModel INSTANCE =
                new OnnxEncoder(ENCODER, Integer.getInteger("parapet.embeddings.threads", 1));
        static final Cache<String, float[]> RECENT =
                Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();
    }

    /**
     * The unit-length embedding of {@code text}; blank text embeds to the zero vector. The array may be shared:
     * callers must not modify it.
     */
    public static float[] embed(String text) {
        if (text.isBlank()) {
            return new float[DIMENSIONS];
        }
        String window = window(text);
        if (CACHE_SIZE == 0) {
            return compute(window);
        }
        // Not Cache.get(key, compute): that holds a lock of the map for the model's milliseconds.
        float[] kept = Model.RECENT.getIfPresent(window);
        if (kept == null) {
            kept = compute(window);
            Model.RECENT.put(window, kept);
        }
        return kept;
    }

    /**
     * The embedding of {@code text} taken from its token vectors, when the entity head has already read them: the same
     * model run gives both, so a text scanned for names and for injection costs one run instead of two. That holds
     * only when one run read exactly what {@link #embed} would (see {@link TokenStates#of}) and the encoder
     * mean-pools and wants no prefix; otherwise null, and the caller embeds as usual.
     */
    public static float[] fromPieces(String text, TokenStates.Pieces pieces) {
        if (pieces.pooledMean() == null || text.isBlank() || !pooledLikeTokenStates(Model.ENCODER)) {
            return null;
        }
        String window = window(text);
        if (!window.equals(pieces.pooledText())) {
            return null;
        }
        float[] v = unit(pieces.pooledMean().clone());
        if (CACHE_SIZE > 0) {
            Model.RECENT.put(window, v);
        }
        return v;
    }

    private static boolean pooledLikeTokenStates(Encoder encoder) {
        return encoder == TokenStates.encoder()
                && encoder.pooling() == PoolingMode.MEAN
                && encoder.prefix().isEmpty();
    }

    /**
     * What the encoder reads of {@code text}, mapped back to it, when the sentence embedding could be pooled from a
     * {@link TokenStates} run over it; null when this JVM's encoders do not allow that. Asks {@link Encoder#active()},
     * not the loaded model: asking must not load the embedding model.
     */
    static Window pooledWindow(String text) {
        return pooledLikeTokenStates(Encoder.active()) ? windowOf(text) : null;
    }

    private static float[] compute(String window) {
        return unit(
                Model.INSTANCE.embed(Model.ENCODER.prefix() + window).content().vector());
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / norm);
            }
        }
        return v;
    }

    /**
     * What the model reads of {@code text}: the window, its emoji named (see {@link EmojiNames}), and long runs of
     * non-space characters cut into words. The window is taken before naming, so a long text costs nothing more, and
     * again after, since a name is longer than its emoji.
     *
     * <p>WordPiece reads a word of more than 100 characters as one unknown token, so every long run looked alike to the
     * model: 2,000 "a"s, a row of digits and a hash got the same embedding, the one the toxicity head had learnt from
     * tweets full of unknown tokens, and all of them were flagged as hate. Cut every {@value #MAX_WORD}
     * characters, the run is read as its word pieces, whether it is filler or an attack written without spaces.
     */
    static String window(String text) {
        return windowOf(text).text();
    }

    static Window windowOf(String text) {
        return breakLongRuns(head(EmojiNames.named(head(Window.of(text)))));
    }

    static final int MAX_WORD = 50;

    private static Window breakLongRuns(Window window) {
        String text = window.text();
        Window.Builder out = null;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            run = Character.isWhitespace(c) ? 0 : run + 1;
            if (run > MAX_WORD && !Character.isLowSurrogate(c)) {
                if (out == null) {
                    out = window.rewrite().copy(0, i);
                }
                out.insert(" ");
                run = 1;
            }
            if (out != null) {
                out.copy(i, i + 1);
            }
        }
        return out == null ? window : out.build();
    }

    /** A text past {@link #MAX_CHARS} as its first and last halves of it, with " … " between them. */
    private static Window head(Window window) {
        String text = window.text();
        if (text.length() <= MAX_CHARS) {
            return window;
        }
        int half = MAX_CHARS / 2;
        int headEnd = Character.isHighSurrogate(text.charAt(half - 1)) ? half - 1 : half;
        int tailStart = text.length() - half;
        if (Character.isLowSurrogate(text.charAt(tailStart))) {
            tailStart++;
        }
        return window.rewrite()
                .copy(0, headEnd)
                .insert(" … ")
                .copy(tailStart, text.length())
                .build();
    }

    public static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}

package io.parapet.guardrails.classify;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OrtSession;
import io.parapet.guardrails.spi.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;

/**
 * The encoder's last hidden layer for every word piece of a text: what a token-level head (named entities) reads.
 * The sentence embedding ({@link Embeddings}) pools a window of the text into one vector; a name can sit anywhere, so
 * here the whole text is read, {@value #WINDOW} pieces per model run. Same model file as the sentence embedding, own
 * onnxruntime session (one thread), loaded on first use.
 */
public final class TokenStates {
    /** Word pieces per model run, [CLS] and [SEP] included: the cost grows with the square of it past a few hundred. */
    static final int WINDOW = 256;

    /**
     * One text's pieces: character span in the text, the word each belongs to (the tokenizer splits on spaces and
     * punctuation, so "D." is two words), and the encoder's vector for it. {@code meanOfRun} is the mean of every
     * vector of the model run, [CLS] and [SEP] included, when the whole text took one run, else null: it is what
     * langchain4j pools into the sentence embedding of the same text (see {@link Embeddings#fromPieces}).
     */
    public record Pieces(int[] starts, int[] ends, int[] words, float[][] vectors, float[] meanOfRun) {
        public int size() {
            return starts.length;
        }
    }

    private TokenStates() {}

    private static final class Model {
        static final Encoder ENCODER = Encoder.active();
        static final OrtSession SESSION;
        static final HuggingFaceTokenizer TOKENIZER;
        static final long CLS;
        static final long SEP;

        static {
            try (InputStream model = ENCODER.open(ENCODER.modelResource());
                    InputStream tokenizer = ENCODER.open(ENCODER.tokenizerResource())) {
                SESSION = OnnxModels.session(model.readAllBytes());
                TOKENIZER =
                        HuggingFaceTokenizer.newInstance(tokenizer, Map.of("truncation", "false", "padding", "false"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the " + ENCODER.displayName() + " model", e);
            }
            long[] special = TOKENIZER.encode("", true, false).getIds();
            CLS = special[0];
            SEP = special[special.length - 1];
        }
    }

    /** The encoder this JVM reads tokens with. */
    public static Encoder encoder() {
        return Model.ENCODER;
    }

    public static Pieces of(String text) {
        Encoding encoding = Model.TOKENIZER.encode(text, false, false);
        long[] ids = encoding.getIds();
        CharSpan[] spans = encoding.getCharTokenSpans();
        long[] wordIds = encoding.getWordIds();
        int n = ids.length;
        int[] starts = new int[n];
        int[] ends = new int[n];
        int[] words = new int[n];
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            starts[i] = spans[i] == null ? 0 : spans[i].getStart();
            ends[i] = spans[i] == null ? 0 : spans[i].getEnd();
            words[i] = (int) wordIds[i];
        }
        int perRun = WINDOW - 2;
        float[] meanOfRun = null;
        for (int from = 0; from < n; from += perRun) {
            Cancellation.checkpoint();
            int to = Math.min(n, from + perRun);
            long[] run = new long[to - from + 2];
            run[0] = Model.CLS;
            System.arraycopy(ids, from, run, 1, to - from);
            run[run.length - 1] = Model.SEP;
            long[] ones = new long[run.length];
            Arrays.fill(ones, 1);
            float[][] out = ((float[][][]) OnnxModels.run(Model.SESSION, run, ones, new long[run.length]))[0];
            for (int i = from; i < to; i++) {
                vectors[i] = out[i - from + 1];
            }
            if (n <= perRun) {
                meanOfRun = mean(out);
            }
        }
        return new Pieces(starts, ends, words, vectors, meanOfRun);
    }

    private static float[] mean(float[][] rows) {
        float[] sum = new float[rows[0].length];
        for (float[] row : rows) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] += row[j];
            }
        }
        for (int j = 0; j < sum.length; j++) {
            sum[j] /= rows.length;
        }
        return sum;
    }
}

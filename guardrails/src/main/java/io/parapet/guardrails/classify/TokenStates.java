package io.parapet.guardrails.classify;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtSession;
import io.parapet.guardrails.spi.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The encoder's last hidden layer for every word piece of a text: what a token-level head (named entities) reads.
 * The sentence embedding ({@link Embeddings}) pools a window of the text into one vector; a name can sit anywhere, so
 * here the whole text is read: up to {@value #WINDOW} pieces in one model run, the rest in shorter runs ({@link
 * GapRuns}). Same model file as the sentence embedding, own onnxruntime session (one thread), loaded on first use.
 */
public final class TokenStates {
    /** Word pieces per model run, [CLS] and [SEP] included: the cost grows with the square of it past a few hundred. */
    static final int WINDOW = 256;

    /**
     * One text's pieces: character span in the text, the word each belongs to (the tokenizer splits on spaces and
     * punctuation, so "D." is two words), and the encoder's vector for it, in text order. {@code pooledMean} is the
     * mean of every vector of one model run, [CLS] and [SEP] included, and {@code pooledText} what that run read: what
     * langchain4j pools into the sentence embedding of that text (see {@link Embeddings#fromPieces}). Both are null
     * when no run read a text whole.
     */
    public record Pieces(
            int[] starts, int[] ends, int[] words, float[][] vectors, String pooledText, float[] pooledMean) {
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

    /**
     * Loads the model and the tokenizer and reads one word, so that the session is open and warm before the first
     * text that matters (about a second of loading otherwise paid inside a scan).
     */
    public static void load() {
        of("warm-up");
    }

    /** The encoder this JVM reads tokens with. */
    public static Encoder encoder() {
        return Model.ENCODER;
    }

    /**
     * Reads {@code text}. What the sentence embedding reads of the text (its window: the text, or its head and tail,
     * with emoji named) is read first, in one run, so that run doubles as the sentence embedding and a text scanned for
     * names and for injection costs one run, not two. The parts of the text
     * the window leaves out (the middle of a long text) are read meanwhile on a helper thread ({@link GapReader}), in
     * short runs with the words around them ({@link GapRuns}); every letter and digit is kept once. A piece read in the
     * window sees the tail as its context instead of the middle; names are local enough for that not to matter, and a
     * word cut at the window's edge is read as two.
     */
    public static Pieces of(String text) {
        Window window = Embeddings.pooledWindow(text);
        if (window != null) {
            Pieces shared = readWindowFirst(text, window);
            if (shared != null) {
                return shared;
            }
        }
        return readInOrder(text);
    }

    private static Pieces readInOrder(String text) {
        Tokens tokens = Tokens.of(text);
        float[][] vectors = new float[tokens.size()][];
        if (tokens.size() <= PER_RUN) {
            read(tokens.ids, vectors); // in one run, as the window path reads a text of up to 512 characters
        } else {
            readWithContext(tokens.ids, vectors);
        }
        return new Pieces(tokens.starts, tokens.ends, tokens.words, vectors, null, null);
    }

    /** Null when the window takes more than one run, so that it cannot be pooled. */
    private static Pieces readWindowFirst(String text, Window window) {
        Tokens read = Tokens.of(window.text());
        if (read.size() > PER_RUN) {
            return null;
        }
        // The middle is read on another core while this thread reads the window: a request is scanned on one thread,
        // so for a single long text the second core would otherwise sit idle.
        GapReader gaps = GapReader.start(text, window.covered(text.length()));
        float[][] windowVectors;
        float[] mean;
        try {
            windowVectors = new float[read.size()][];
            mean = read(read.ids, windowVectors);
        } catch (RuntimeException | Error e) {
            gaps.cancel();
            throw e;
        }
        Assembly out = new Assembly();
        for (int i = 0; i < read.size(); i++) {
            if (read.ends[i] <= read.starts[i]) {
                continue;
            }
            int first = window.origin(read.starts[i]);
            int last = window.origin(read.ends[i] - 1);
            if (first >= 0 && last >= 0) { // else a piece the window added: an emoji's name, the " … "
                out.add(0, read.words[i], first, last + 1, windowVectors[i]);
            }
        }
        gaps.join(out);
        return out.pieces(window.text(), mean);
    }

    static boolean hasLetterOrDigit(String text, int from, int to) {
        return text.substring(from, to).codePoints().anyMatch(Character::isLetterOrDigit);
    }

    private static final int PER_RUN = WINDOW - 2;

    /** Reads a text too long for one run in the short, overlapping runs the middle of a long text is read in. */
    private static void readWithContext(long[] ids, float[][] vectors) {
        for (GapRuns.Run r : GapRuns.plan(ids)) {
            GapRuns.read(ids, r, vectors);
        }
    }

    /**
     * Runs the model over {@code ids}, {@value #PER_RUN} at a time, filling {@code vectors}; returns the mean of the
     * run when one run read them all, else null.
     */
    static float[] read(long[] ids, float[][] vectors) {
        float[] mean = null;
        for (int from = 0; from < ids.length; from += PER_RUN) {
            Cancellation.checkpoint();
            int to = Math.min(ids.length, from + PER_RUN);
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
            if (ids.length <= PER_RUN) {
                mean = mean(out);
            }
        }
        return mean;
    }

    /** A tokenized string: ids, character spans and word ids, with no [CLS] or [SEP]. */
    record Tokens(long[] ids, int[] starts, int[] ends, int[] words) {
        static Tokens of(String text) {
            Encoding encoding = Model.TOKENIZER.encode(text, false, false);
            long[] ids = encoding.getIds();
            long[] wordIds = encoding.getWordIds();
            int[][] spans = OnnxModels.pieceSpans(text, encoding);
            int[] words = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                words[i] = (int) wordIds[i];
            }
            // A piece without a span (none here: no special tokens are added) reads as empty at 0.
            int[] starts = Arrays.stream(spans[0]).map(x -> Math.max(x, 0)).toArray();
            int[] ends = Arrays.stream(spans[1]).map(x -> Math.max(x, 0)).toArray();
            return new Tokens(ids, starts, ends, words);
        }

        int size() {
            return ids.length;
        }
    }

    /** Pieces of several tokenized parts put back in text order, with words numbered anew across the parts. */
    static final class Assembly {
        private record Piece(int part, int word, int start, int end, float[] vector) {}

        private final List<Piece> pieces = new ArrayList<>();

        void add(int part, int word, int start, int end, float[] vector) {
            pieces.add(new Piece(part, word, start, end, vector));
        }

        void addAll(Assembly other) {
            pieces.addAll(other.pieces);
        }

        Pieces pieces(String pooledText, float[] pooledMean) {
            pieces.sort(Comparator.comparingInt(Piece::start));
            int n = pieces.size();
            int[] starts = new int[n];
            int[] ends = new int[n];
            int[] words = new int[n];
            float[][] vectors = new float[n][];
            for (int i = 0; i < n; i++) {
                Piece p = pieces.get(i);
                Piece before = i == 0 ? null : pieces.get(i - 1);
                boolean sameWord = before != null && before.part == p.part && before.word == p.word;
                starts[i] = p.start;
                ends[i] = p.end;
                words[i] = i == 0 ? 0 : words[i - 1] + (sameWord ? 0 : 1);
                vectors[i] = p.vector;
            }
            return new Pieces(starts, ends, words, vectors, pooledText, pooledMean);
        }
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

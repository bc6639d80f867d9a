package io.parapet.guardrails.spi;

import io.parapet.guardrails.classify.Embeddings;
import io.parapet.guardrails.classify.TokenStates;
import java.util.List;

/**
 * Text as scanners see it: the original, its normalized form (what detection runs on) and the map between them.
 * Spans found in the normalized text are reported in the original with {@link #originalSpan}.
 */
public final class ScanText {
    /** A character removed by normalization (invisible or a control), at its index in the original. */
    public record Removed(int index, int codePoint, String kind) {}

    private final String original;
    private final String normalized;
    private final int[] starts; // normalized index -> original start; null when the two are identical
    private final int[] ends; // normalized index -> original end (exclusive)
    private final List<Removed> removed;
    private volatile float[] embedding; // computed on first use, then shared by every scanner of the scan
    private volatile TokenStates.Pieces pieces; // likewise, for the entity head

    ScanText(String original, String normalized, int[] starts, int[] ends, List<Removed> removed) {
        this.original = original;
        this.normalized = normalized;
        this.starts = starts;
        this.ends = ends;
        this.removed = List.copyOf(removed);
    }

    /** Text that needs no normalization (plain ASCII, for instance): the identity map. */
    static ScanText identity(String text) {
        return new ScanText(text, text, null, null, List.of());
    }

    public String original() {
        return original;
    }

    public String normalized() {
        return normalized;
    }

    public List<Removed> removed() {
        return removed;
    }

    /**
     * The MiniLM embedding of the normalized text, computed once per text however many scanners ask; taken from the
     * token vectors when the entity head has read them and they allow it ({@link Embeddings#fromPieces}). Callers
     * must not modify the array.
     */
    public float[] embedding() {
        float[] e = embedding;
        if (e == null) {
            synchronized (this) {
                e = embedding;
                if (e == null) {
                    TokenStates.Pieces read = pieces;
                    e = read == null ? null : Embeddings.fromPieces(normalized, read);
                    embedding = e != null ? e : Embeddings.embed(normalized);
                    e = embedding;
                }
            }
        }
        return e;
    }

    /** The encoder's vector for every word piece of the normalized text, computed once per text. */
    public TokenStates.Pieces pieces() {
        TokenStates.Pieces p = pieces;
        if (p == null) {
            synchronized (this) {
                p = pieces;
                if (p == null) {
                    p = TokenStates.of(normalized);
                    pieces = p;
                }
            }
        }
        return p;
    }

    /**
     * Whether the text holds anything a model could judge: a letter, a digit or a symbol (emoji stand for people and
     * threats in hateful posts, so they count). Text of only spaces and punctuation is not worth a model run.
     */
    public boolean hasContent() {
        return normalized.codePoints().anyMatch(c -> Character.isLetterOrDigit(c) || isSymbol(Character.getType(c)));
    }

    private static boolean isSymbol(int type) {
        return type == Character.MATH_SYMBOL
                || type == Character.CURRENCY_SYMBOL
                || type == Character.MODIFIER_SYMBOL
                || type == Character.OTHER_SYMBOL;
    }

    /** Maps {@code [start, end)} of the normalized text to the original; returns {start, end}. */
    public int[] originalSpan(int start, int end) {
        if (starts == null) {
            return new int[] {start, end};
        }
        if (start >= end) {
            int at = start < starts.length ? starts[start] : original.length();
            return new int[] {at, at};
        }
        return new int[] {starts[start], ends[end - 1]};
    }
}

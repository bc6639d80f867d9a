package io.parapet.guardrails.classify;

import io.parapet.guardrails.spi.Cancellation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parts of a text the sentence embedding's window leaves out (the middle of a long text), as short, overlapping
 * model runs that two threads can share: a helper from the start, and the caller once it has read the window. Each run
 * is read once, by whichever thread claims it first, so the middle costs what it costs on however many cores are free.
 *
 * <p>Runs are at most {@value #RUN} pieces ({@link #plan}), no longer than the short texts the entity head is trained
 * on: in runs of 254, names amid 1.5 KB of other writing were found a tenth less often than in their short text alone
 * (62% against 72% of Presidio's names), in runs of 64 about as often (69%). Each piece's vector comes from a run
 * where it has {@value #OVERLAP} pieces of context on both sides, and each part of the middle is read with
 * {@value #CONTEXT} characters of the text around it, so that no piece is read at a cut edge: read alone, the middle of
 * a 600-character text is a fragment such as "Please forward this to Maria Kowalska in acc", whose name the head
 * missed.
 */
final class GapRuns {
    /** Most pieces per model run, [CLS] and [SEP] aside. */
    static final int RUN = 72;

    /** Fewest pieces a run keeps, unless the text ends sooner. */
    static final int MIN_KEEP = 24;

    /** One place in this many between pieces is a cut. */
    static final int CUT_EVERY = 16;

    /** Pieces of context a run shares with the next. */
    static final int OVERLAP = 8;

    /** Characters of context read on each side of a part of the middle, about {@value #OVERLAP} pieces. */
    static final int CONTEXT = 40;

    /** A run of the model over {@code [runFrom, runTo)} of a token sequence, kept for {@code [keepFrom, keepTo)}. */
    record Run(int runFrom, int runTo, int keepFrom, int keepTo) {}

    private record Gap(int part, int from, int to, int readFrom, TokenStates.Tokens tokens, float[][] vectors) {}

    private record Claim(Gap gap, Run run) {}

    private final String text;
    private final boolean[] covered;
    private final AtomicInteger next = new AtomicInteger();
    private List<Gap> gaps; // tokenized by the first thread to need them
    private List<Claim> claims;

    GapRuns(String text, boolean[] covered) {
        this.text = text;
        this.covered = covered;
    }

    /**
     * How the pieces {@code ids} are cut into runs; one run when they fit. A run keeps at least {@value #MIN_KEEP}
     * pieces and ends at the first place after them that the pieces around it choose ({@link #cutsBefore}), or where
     * it must. Cuts that the text chooses, not its length, make the same passage in two texts, wherever it starts,
     * fall into the same runs after a run or two, so its runs are read once ({@link RecentRuns}). Runs read 54 pieces
     * on average where a fixed plan read 64 for 48 kept, so a passage read once costs about 6% more; of four plans
     * measured, this one lost no names in long texts against the fixed plan (docs/benchmarks.md, 2026-12-07).
     */
    static List<Run> plan(long[] ids) {
        int length = ids.length;
        List<Run> runs = new ArrayList<>();
        for (int keepFrom = 0; keepFrom < length; ) {
            int runFrom = Math.max(0, keepFrom - OVERLAP);
            int keepTo = length - runFrom <= RUN ? length : cut(ids, keepFrom + MIN_KEEP, runFrom + RUN - OVERLAP);
            int runTo = Math.min(length, keepTo + OVERLAP);
            runs.add(new Run(runFrom, runTo, keepFrom, keepTo));
            keepFrom = keepTo;
        }
        return runs;
    }

    /** The first place in {@code [earliest, latest)} that the pieces choose, else {@code latest}. */
    private static int cut(long[] ids, int earliest, int latest) {
        for (int at = earliest; at < latest; at++) {
            if (cutsBefore(ids, at)) {
                return at;
            }
        }
        return latest;
    }

    /** One place in {@value #CUT_EVERY}, chosen by a hash of the two pieces before it and the one after. */
    static boolean cutsBefore(long[] ids, int at) {
        long h = ids[at - 2] * 0x9E3779B97F4A7C15L ^ ids[at - 1] * 0xC2B2AE3D27D4EB4FL ^ ids[at] * 0x165667B19E3779F9L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return Long.remainderUnsigned(h, CUT_EVERY) == 0;
    }

    /** Reads one unclaimed run; false when every run is claimed (or the reading was stopped). */
    boolean readNext() {
        List<Claim> all = claims();
        int i = next.getAndIncrement();
        if (i >= all.size()) {
            return false;
        }
        Claim c = all.get(i);
        read(c.gap.tokens.ids(), c.run, c.gap.vectors);
        return true;
    }

    /**
     * Puts the vectors of the pieces {@code run} keeps into {@code vectors}: from a model run over its pieces, or from
     * one kept of the same pieces.
     */
    static void read(long[] ids, Run run, float[][] vectors) {
        Cancellation.checkpoint(); // here, not only in the model run: a text of kept runs is abandoned as promptly
        long[] read = Arrays.copyOfRange(ids, run.runFrom(), run.runTo());
        int keepFrom = run.keepFrom() - run.runFrom();
        int keepTo = run.keepTo() - run.runFrom();
        float[][] kept = RecentRuns.get(read, keepFrom, keepTo, () -> {
            float[][] all = new float[read.length][];
            TokenStates.read(read, all);
            return Arrays.copyOfRange(all, keepFrom, keepTo);
        });
        System.arraycopy(kept, 0, vectors, run.keepFrom(), kept.length);
    }

    /** No run not yet claimed will be read. */
    void stop() {
        next.set(Integer.MAX_VALUE / 2);
    }

    /** Adds the pieces inside each part of the middle; call once every claimed run is read. */
    void addTo(TokenStates.Assembly out) {
        for (Gap g : gaps == null ? List.<Gap>of() : gaps) {
            TokenStates.Tokens t = g.tokens;
            for (int i = 0; i < t.size(); i++) {
                // a piece cut by the part's edge keeps only its share inside: the window's pieces hold the rest
                int start = Math.max(g.from, t.starts()[i] + g.readFrom);
                int end = Math.min(g.to, t.ends()[i] + g.readFrom);
                if (start < end) {
                    out.add(g.part, t.words()[i], start, end, g.vectors[i]);
                }
            }
        }
    }

    private synchronized List<Claim> claims() {
        if (claims == null) {
            gaps = gaps();
            claims = new ArrayList<>();
            for (Gap g : gaps) {
                plan(g.tokens.ids()).forEach(r -> claims.add(new Claim(g, r)));
            }
        }
        return claims;
    }

    /** Each run of characters the window left out that holds a letter or digit (emoji alone are not names). */
    private List<Gap> gaps() {
        List<Gap> out = new ArrayList<>();
        for (int from = 0; from < text.length(); ) {
            int to = from;
            while (to < text.length() && !covered[to]) {
                to++;
            }
            if (to > from && TokenStates.hasLetterOrDigit(text, from, to)) {
                int readFrom = contextStart(from);
                TokenStates.Tokens tokens = TokenStates.Tokens.of(text.substring(readFrom, contextEnd(to)));
                out.add(new Gap(out.size() + 1, from, to, readFrom, tokens, new float[tokens.size()][]));
            }
            from = to + 1;
        }
        return out;
    }

    /** Up to {@value #CONTEXT} characters before {@code from}, starting at a word, not inside one. */
    private int contextStart(int from) {
        int start = Math.max(0, from - CONTEXT);
        while (start > 0 && start < from && !Character.isWhitespace(text.charAt(start - 1))) {
            start++;
        }
        return start;
    }

    /** Up to {@value #CONTEXT} characters after {@code to}, ending after a word, not inside one. */
    private int contextEnd(int to) {
        int end = Math.min(text.length(), to + CONTEXT);
        while (end < text.length() && end > to && !Character.isWhitespace(text.charAt(end))) {
            end--;
        }
        return end;
    }
}

package io.parapet.guardrails.spi;

import java.util.concurrent.CancellationException;

/**
 * How a scanner stops when the engine gives up on it. A scanner that overruns its timeout is answered for at once
 * (fail-open or fail-closed), and its worker thread is interrupted; a scanner that never looks would keep a core
 * busy long after. So every loop whose length the text decides calls {@link #checkpoint()}, and regex engines read
 * the text through {@link #watched}, which does the same as they go.
 */
public final class Cancellation {
    private static final int CHARS_PER_CHECK = 4_096;

    private Cancellation() {}

    /** Throws {@link CancellationException} if this scan has been given up on. Cheap: call it in every loop. */
    public static void checkpoint() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the scan was abandoned after its timeout");
        }
    }

    /** {@code text} for a regex matcher: every few thousand characters read, a {@link #checkpoint()}. */
    public static CharSequence watched(String text) {
        return new Watched(text, 0, text.length());
    }

    /** A view of a string that checks for cancellation as it is read; sub-sequences are plain strings. */
    private static final class Watched implements CharSequence {
        private final String text;
        private final int offset;
        private final int length;
        private int reads;

        Watched(String text, int offset, int length) {
            this.text = text;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public char charAt(int index) {
            if (++reads == CHARS_PER_CHECK) {
                reads = 0;
                checkpoint();
            }
            return text.charAt(offset + index);
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(offset + start, offset + end);
        }

        @Override
        public String toString() {
            return text.substring(offset, offset + length);
        }
    }
}

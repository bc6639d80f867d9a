package io.parapet.guardrails.classify;

import java.util.Arrays;

/**
 * What the sentence encoder reads of a text ({@link Embeddings#window}), with, for each of its characters, the index in
 * the text it came from, or -1 for a character the window added (an emoji's name, the " … " between head and tail, a
 * space that breaks a long run). The map lets the entity head read the window in the same model run as the sentence
 * embedding and still report names where they are in the text.
 */
final class Window {
    private final String text;
    private final int[] origin; // null: character i came from index i

    private Window(String text, int[] origin) {
        this.text = text;
        this.origin = origin;
    }

    /** The text itself, read as it is. */
    static Window of(String text) {
        return new Window(text, null);
    }

    String text() {
        return text;
    }

    /** Where character {@code i} of the window came from in the original text, or -1 if the window added it. */
    int origin(int i) {
        return origin == null ? i : origin[i];
    }

    /** Which characters of the original text (of {@code length}) the window holds. */
    boolean[] covered(int length) {
        boolean[] covered = new boolean[length];
        for (int i = 0; i < text.length(); i++) {
            if (origin(i) >= 0) {
                covered[origin(i)] = true;
            }
        }
        return covered;
    }

    /** Builds the next window from this one, character by character. */
    Builder rewrite() {
        return new Builder(this);
    }

    static final class Builder {
        private final Window from;
        private final StringBuilder text;
        private int[] origin;
        private int size;

        private Builder(Window from) {
            this.from = from;
            // Windows are short however long the text: start small and grow.
            int capacity = Math.min(from.text.length(), 1024) + 16;
            this.text = new StringBuilder(capacity);
            this.origin = new int[capacity];
        }

        /** Copies {@code [start, end)} of the window being rewritten. */
        Builder copy(int start, int end) {
            for (int i = start; i < end; i++) {
                add(from.text.charAt(i), from.origin(i));
            }
            return this;
        }

        /** Adds text that was not in the original. */
        Builder insert(CharSequence added) {
            for (int i = 0; i < added.length(); i++) {
                add(added.charAt(i), -1);
            }
            return this;
        }

        private void add(char c, int originalIndex) {
            if (size == origin.length) {
                origin = Arrays.copyOf(origin, size * 2);
            }
            text.append(c);
            origin[size++] = originalIndex;
        }

        Window build() {
            return new Window(text.toString(), Arrays.copyOf(origin, size));
        }
    }
}

package io.parapet.guardrails.ner;

import io.parapet.guardrails.classify.TokenStates.Pieces;
import java.util.Arrays;

/** The words of a tokenized text: runs of pieces the tokenizer gave one word id, with their place in the text. */
final class Words {
    private final String text;
    private final int[] wordOfPiece;
    private final int[] starts;
    private final int[] ends;
    private final int size;

    private Words(String text, int[] wordOfPiece, int[] starts, int[] ends, int size) {
        this.text = text;
        this.wordOfPiece = wordOfPiece;
        this.starts = starts;
        this.ends = ends;
        this.size = size;
    }

    static Words of(String text, Pieces pieces) {
        int n = pieces.size();
        int[] wordOfPiece = new int[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || pieces.words()[i] != pieces.words()[i - 1]) {
                starts[size] = pieces.starts()[i];
                size++;
            }
            wordOfPiece[i] = size - 1;
            ends[size - 1] = pieces.ends()[i];
        }
        return new Words(text, wordOfPiece, starts, ends, size);
    }

    int size() {
        return size;
    }

    int indexOf(int piece) {
        return wordOfPiece[piece];
    }

    int start(int word) {
        return starts[word];
    }

    int end(int word) {
        return ends[word];
    }

    String text(int word) {
        return text.substring(starts[word], Math.max(starts[word] + 1, ends[word]));
    }

    /** Whether the word is never a name by itself ({@link WordClasses#neverANameAlone}). */
    boolean neverANameAlone(int word) {
        return WordClasses.neverANameAlone(text(word));
    }

    boolean isUnitDesignator(int word) {
        return WordClasses.isUnitDesignator(text(word));
    }

    boolean isTitle(int word) {
        return WordClasses.isTitle(text(word));
    }

    /** Whether a title stands right before the word, after at most a full stop and spaces ("Mrs. Labrie", "Dr Ada"). */
    boolean afterTitle(int word) {
        int title = word - 1;
        if (title > 0 && text(title).equals(".")) {
            title--; // "Mrs." is two words to the tokenizer
        }
        return title >= 0
                && isTitle(title)
                && text.substring(ends[title], starts[word]).matches("\\.?[ \t]+");
    }

    /**
     * Whether the word could be part of a name: it has a letter and is not a function word. A number alone is never
     * a name ("parcel 0" was an organization); numbers that are personal data are the pattern scanners' part.
     */
    boolean mayBeName(int word) {
        String w = text(word);
        return w.codePoints().anyMatch(Character::isLetter) && !WordClasses.isFunctionWord(w);
    }

    /**
     * Whether a word in [from, to) starts with a capital and has two letters or more, and may be a name by itself: in
     * "Gay couples" the only capital is a group's ("Gay Talese" is a name).
     */
    boolean looksLikeAName(int from, int to) {
        for (int w = from; w < to; w++) {
            if (startsWithCapital(w)
                    && !neverANameAlone(w)
                    && text(w).codePoints().filter(Character::isLetter).count() >= 2) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether only spaces or tabs stand between {@code from} and {@code to}: words so joined are on one line. A line
     * break ends a name and an address, as the lines of an address block do ("Baker Street" / "Leeds").
     */
    static boolean spacesOnly(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /**
     * Which words stand on a shouted line: four or more words of two letters or more, and not one lower-case letter.
     * There capitals say nothing about names ("I DON'T KNOW WHAT TO PRESS NEXT").
     */
    boolean[] shouted() {
        boolean[] shouted = new boolean[size];
        int lineStart = 0;
        while (lineStart < size) {
            int lineEnd = lineStart + 1;
            while (lineEnd < size && !spansLineBreak(ends[lineEnd - 1], starts[lineEnd])) {
                lineEnd++;
            }
            int longWords = 0;
            boolean lowerCase = false;
            for (int w = lineStart; w < lineEnd; w++) {
                String word = text(w);
                longWords += word.codePoints().filter(Character::isLetter).count() >= 2 ? 1 : 0;
                lowerCase |= word.codePoints().anyMatch(Character::isLowerCase);
            }
            Arrays.fill(shouted, lineStart, lineEnd, longWords >= 4 && !lowerCase);
            lineStart = lineEnd;
        }
        return shouted;
    }

    private boolean spansLineBreak(int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                return true;
            }
        }
        return false;
    }

    boolean startsWithCapital(int word) {
        return Character.isUpperCase(text(word).codePointAt(0));
    }

    boolean punctuation(int word) {
        return text(word).codePoints().noneMatch(Character::isLetterOrDigit);
    }

    /** The first word, or one after a full stop, question or exclamation mark, colon or line break. */
    boolean startsSentence(int word) {
        for (int i = starts[word] - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return ".!?:\"".indexOf(c) >= 0;
            }
        }
        return true;
    }
}

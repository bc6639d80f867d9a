package io.parapet.guardrails.classify;

import java.util.Locale;

/**
 * Emoji written as their Unicode names, for the encoder. MiniLM's vocabulary has almost no emoji, so each one is
 * read as the same unknown token: "❤️❤️❤️" and "🐒🐒🐒" looked alike, and a head that had learnt from hateful posts
 * full of emoji flagged rows of hearts as hate. Named ("heavy black heart", "monkey"), they carry their meaning, as the
 * Hatemoji authors recommend. The names come from the JDK's Unicode tables, so no list is kept here.
 *
 * <p>A run of one emoji is named once: forty laughing faces say little more than one, and the names would otherwise
 * take the encoder's whole window. Joiners, variation selectors and skin tones carry no meaning of their own and are
 * dropped; the two letters of a flag are kept as its country code.
 */
final class EmojiNames {
    private static final int FIRST_EMOJI_BLOCK = 0x2190; // arrows; below it, symbols like © and ° are in the vocabulary
    private static final int REGIONAL_A = 0x1F1E6;
    private static final int REGIONAL_Z = 0x1F1FF;

    private EmojiNames() {}

    /** {@code text} with its emoji named; the same instance when it has none. */
    static String named(String text) {
        return named(Window.of(text)).text();
    }

    /** The window with its emoji named, each added character mapped to nowhere; the same window when it has none. */
    static Window named(Window window) {
        String text = window.text();
        if (text.codePoints().noneMatch(EmojiNames::isPart)) {
            return window;
        }
        Window.Builder out = window.rewrite();
        int previous = -1;
        for (int i = 0; i < text.length(); ) {
            int start = i;
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isRegional(cp)) {
                // Flags are two letters in a row; "flag us " is the nearest the vocabulary has.
                out.insert(isRegional(previous) ? "" : " flag ").insert(String.valueOf((char) ('a' + cp - REGIONAL_A)));
                previous = cp;
            } else if (isSymbol(cp)) {
                if (cp != previous) {
                    out.insert(" " + name(cp) + " ");
                }
                previous = cp;
            } else if (!isModifier(cp)) {
                out.insert(isRegional(previous) ? " " : "").copy(start, i);
                previous = -1;
            }
        }
        return out.build();
    }

    /** A code point that is an emoji or part of one. */
    private static boolean isPart(int cp) {
        return isSymbol(cp) || isModifier(cp);
    }

    private static boolean isSymbol(int cp) {
        return cp >= FIRST_EMOJI_BLOCK && Character.getType(cp) == Character.OTHER_SYMBOL;
    }

    private static boolean isModifier(int cp) {
        return cp == 0x200D // zero-width joiner
                || (cp >= 0xFE00 && cp <= 0xFE0F) // variation selectors
                || (cp >= 0x1F3FB && cp <= 0x1F3FF) // skin tones
                || (cp >= 0xE0020 && cp <= 0xE007F); // tag characters of subdivision flags
    }

    private static boolean isRegional(int cp) {
        return cp >= REGIONAL_A && cp <= REGIONAL_Z;
    }

    private static String name(int cp) {
        String name = Character.getName(cp);
        return name == null ? "symbol" : name.toLowerCase(Locale.ROOT);
    }
}

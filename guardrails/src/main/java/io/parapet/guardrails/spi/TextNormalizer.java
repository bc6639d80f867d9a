package io.parapet.guardrails.spi;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Normalizes text before detection, so that tricks do not hide what scanners look for: compatibility forms are
 * folded (NFKC: full-width letters, ligatures, superscripts), invisible characters are removed (zero-width
 * characters, bidi controls, Unicode tag characters U+E0000–U+E007F, soft hyphens, variation selectors), and
 * common homoglyphs (Cyrillic and Greek letters that look Latin) are folded to Latin. NFKC is applied per code
 * point, so every normalized character maps back to exactly one original code point.
 */
public final class TextNormalizer {
    private TextNormalizer() {}

    public static ScanText normalize(String text) {
        if (isPlainAscii(text)) {
            return ScanText.identity(text);
        }
        StringBuilder out = new StringBuilder(text.length());
        int[] starts = new int[text.length() * 2 + 8];
        int[] ends = new int[starts.length];
        List<ScanText.Removed> removed = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            String kind = invisibleKind(cp);
            if (kind != null) {
                removed.add(new ScanText.Removed(i, cp, kind));
            } else {
                String folded = fold(cp);
                for (int k = 0; k < folded.length(); k++) {
                    if (out.length() == starts.length) {
                        starts = java.util.Arrays.copyOf(starts, starts.length * 2);
                        ends = java.util.Arrays.copyOf(ends, ends.length * 2);
                    }
                    starts[out.length()] = i;
                    ends[out.length()] = next;
                    out.append(folded.charAt(k));
                }
            }
            i = next;
        }
        return new ScanText(text, out.toString(), starts, ends, removed);
    }

    /** The kind of an invisible character, or null for a visible one. */
    static String invisibleKind(int cp) {
        if (cp == 0x200B
                || cp == 0x200C
                || cp == 0x200D
                || cp == 0x2060
                || cp == 0xFEFF
                || cp == 0x00AD
                || cp == 0x180E
                || (cp >= 0x2061 && cp <= 0x2064)) {
            return "ZERO_WIDTH";
        }
        if ((cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200E
                || cp == 0x200F
                || cp == 0x061C) {
            return "BIDI_CONTROL";
        }
        if (cp >= 0xE0000 && cp <= 0xE007F) {
            return "TAG_CHARACTER";
        }
        if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) {
            return "VARIATION_SELECTOR";
        }
        return null;
    }

    private static String fold(int cp) {
        if (cp < 0x80) {
            return String.valueOf((char) cp);
        }
        String nfkc = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        if (nfkc.length() == 1) {
            char homoglyph = Homoglyphs.latinFor(nfkc.charAt(0));
            return homoglyph == 0 ? nfkc : String.valueOf(homoglyph);
        }
        return nfkc;
    }

    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}

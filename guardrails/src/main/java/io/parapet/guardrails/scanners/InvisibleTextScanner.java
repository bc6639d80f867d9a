package io.parapet.guardrails.scanners;

import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.Scanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Unicode tricks: invisible characters (tag characters that smuggle instructions, bidi controls that reorder
 * text, zero-width characters that split words) and words mixing Latin with Cyrillic or Greek look-alikes.
 * A zero-width joiner or variation selector next to a pictograph is ordinary emoji and scores low.
 */
final class InvisibleTextScanner implements Scanner {
    @Override
    public ScanResult scan(ScanText text, ScanContext context) {
        List<Finding> found = new ArrayList<>();
        String original = text.original();
        List<ScanText.Removed> removed = text.removed();
        for (int i = 0; i < removed.size(); ) {
            ScanText.Removed first = removed.get(i);
            int end = first.index() + Character.charCount(first.codePoint());
            int j = i + 1;
            while (j < removed.size()
                    && removed.get(j).index() == end
                    && removed.get(j).kind().equals(first.kind())) {
                end += Character.charCount(removed.get(j).codePoint());
                j++;
            }
            found.add(new Finding(
                    first.kind(), first.index(), end, original.substring(first.index(), end), score(first, original)));
            i = j;
        }
        found.addAll(mixedScriptWords(original));
        return ScanResult.of(found);
    }

    private static double score(ScanText.Removed r, String original) {
        return switch (r.kind()) {
            case "TAG_CHARACTER", "BIDI_CONTROL" -> 1.0;
            case "VARIATION_SELECTOR" -> 0.1;
            default -> r.codePoint() == 0x200D && nextToPictograph(original, r.index()) ? 0.1 : 0.8;
        };
    }

    private static boolean nextToPictograph(String s, int index) {
        int before = index > 0 ? s.codePointBefore(index) : 0;
        int after = index + 1 < s.length() ? s.codePointAt(index + 1) : 0;
        return Character.getType(before) == Character.OTHER_SYMBOL
                || Character.getType(after) == Character.OTHER_SYMBOL;
    }

    private static List<Finding> mixedScriptWords(String s) {
        List<Finding> found = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!Character.isLetter(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            boolean latin = false;
            boolean lookalike = false;
            while (i < s.length() && Character.isLetter(s.codePointAt(i))) {
                Character.UnicodeScript script = Character.UnicodeScript.of(s.codePointAt(i));
                latin |= script == Character.UnicodeScript.LATIN;
                lookalike |= script == Character.UnicodeScript.CYRILLIC || script == Character.UnicodeScript.GREEK;
                i += Character.charCount(s.codePointAt(i));
            }
            if (latin && lookalike) {
                found.add(new Finding("MIXED_SCRIPT", start, i, s.substring(start, i), 0.9));
            }
        }
        return found;
    }
}

package io.parapet.guardrails.scanners;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.parapet.guardrails.Finding;
import io.parapet.guardrails.spi.ScanText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Shared helpers of the pattern scanners. Patterns are RE2J: linear time whatever the input, so no text can make
 * a scanner backtrack for ever.
 */
final class Matches {
    static final int CONTEXT_WINDOW = 40;
    static final double CONTEXT_BOOST = 0.35;

    private Matches() {}

    /** Finds {@code pattern} in the normalized text; {@code valid} checks the matched (normalized) value. */
    static List<Finding> find(ScanText text, Pattern pattern, String type, double score, Predicate<String> valid) {
        List<Finding> found = new ArrayList<>();
        Matcher m = pattern.matcher(text.normalized());
        while (m.find()) {
            if (valid.test(m.group())) {
                found.add(finding(text, type, m.start(), m.end(), score));
            }
        }
        return found;
    }

    /** A finding at normalized {@code [start, end)}, reported at its span of the original text. */
    static Finding finding(ScanText text, String type, int start, int end, double score) {
        int[] span = text.originalSpan(start, end);
        return new Finding(type, span[0], span[1], text.original().substring(span[0], span[1]), Math.min(1, score));
    }

    /** Whether one of {@code words} appears in the {@value #CONTEXT_WINDOW} characters before {@code start}. */
    static boolean contextBefore(String text, int start, List<String> words) {
        String window =
                text.substring(Math.max(0, start - CONTEXT_WINDOW), start).toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (window.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the strongest of overlapping findings (higher score, then longer), in text order. */
    static List<Finding> strongestNonOverlapping(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingDouble(Finding::score)
                .reversed()
                .thenComparing(Comparator.comparingInt((Finding f) -> f.end() - f.start())
                        .reversed()));
        List<Finding> kept = new ArrayList<>();
        for (Finding f : sorted) {
            if (kept.stream().noneMatch(k -> f.start() < k.end() && k.start() < f.end())) {
                kept.add(f);
            }
        }
        kept.sort(Comparator.comparingInt(Finding::start));
        return kept;
    }

    static String digits(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            if (Character.isDigit(value.charAt(i))) {
                out.append(value.charAt(i));
            }
        }
        return out.toString();
    }
}

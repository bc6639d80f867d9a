package io.parapet.guardrails.scanners;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.parapet.guardrails.Finding;
import io.parapet.guardrails.spi.Cancellation;
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
        Matcher m = pattern.matcher(Cancellation.watched(text.normalized()));
        while (m.find()) {
            if (valid.test(m.group())) {
                found.add(finding(text, type, m.start(), m.end(), score));
            }
        }
        return found;
    }

    /**
     * As {@link #find(ScanText, Pattern, String, double, Predicate)}, but only inside {@code windows} of the
     * normalized text: most patterns can only match where a cheap test says so (an '@', a run of digits), and
     * scanning a few short windows is far cheaper than running the automaton over the whole text.
     */
    static List<Finding> findIn(
            ScanText text, List<int[]> windows, Pattern pattern, String type, double score, Predicate<String> valid) {
        List<Finding> found = new ArrayList<>();
        String n = text.normalized();
        for (int[] w : windows) {
            Cancellation.checkpoint();
            Matcher m = pattern.matcher(n.substring(w[0], w[1]));
            while (m.find()) {
                if (valid.test(m.group())) {
                    found.add(finding(text, type, w[0] + m.start(), w[0] + m.end(), score));
                }
            }
        }
        return found;
    }

    /** Whitespace-delimited tokens that contain {@code c}, widened by one character so {@code \\b} still works. */
    static List<int[]> tokensContaining(String s, char c) {
        List<int[]> windows = new ArrayList<>();
        for (int at = s.indexOf(c); at >= 0; ) {
            Cancellation.checkpoint();
            int start = at;
            while (start > 0 && !Character.isWhitespace(s.charAt(start - 1))) {
                start--;
            }
            int end = at;
            while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
                end++;
            }
            windows.add(new int[] {Math.max(0, start - 1), Math.min(s.length(), end + 1)});
            at = s.indexOf(c, end);
        }
        return windows;
    }

    /** Runs of {@code chars} that hold at least {@code minDigits} digits, widened by one character. */
    static List<int[]> runs(String s, String chars, int minDigits) {
        List<int[]> windows = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (chars.indexOf(s.charAt(i)) < 0) {
                i++;
                continue;
            }
            Cancellation.checkpoint();
            int start = i;
            int digits = 0;
            while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
                digits += Character.isDigit(s.charAt(i)) ? 1 : 0;
                i++;
            }
            if (digits >= minDigits) {
                windows.add(new int[] {Math.max(0, start - 1), Math.min(s.length(), i + 1)});
            }
        }
        return windows;
    }

    /** Whether any of {@code words} occurs in the lower-cased text at all (gates the context-only patterns). */
    static boolean mentionsAny(String lowerCased, List<String> words) {
        for (String word : words) {
            if (lowerCased.contains(word)) {
                return true;
            }
        }
        return false;
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
        // Kept spans never overlap, so the neighbours by start are the only ones a new span can touch.
        java.util.TreeMap<Integer, Finding> kept = new java.util.TreeMap<>();
        for (Finding f : sorted) {
            Cancellation.checkpoint();
            var before = kept.floorEntry(f.start());
            var after = kept.ceilingEntry(f.start());
            boolean overlaps = (before != null && before.getValue().end() > f.start())
                    || (after != null && after.getKey() < f.end());
            if (!overlaps) {
                kept.put(f.start(), f);
            }
        }
        return new ArrayList<>(kept.values());
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

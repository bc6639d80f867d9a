package io.parapet.guardrails.scanners;

import io.parapet.guardrails.spi.Cancellation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Profanity matching that sees through the usual disguises: leetspeak ({@code sh1t}, {@code @ss}), stretched letters
 * ({@code fuuuck}) and masking ({@code f*ck}, {@code s**t}). A word is folded first; a masked word matches an entry
 * when the visible letters line up and each {@code *} covers one or two letters.
 */
final class ProfanityLexicon {
    record Hit(int start, int end, String entry) {}

    private static final Pattern STRETCHED = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}*@$!|]+");

    private final List<String> exact = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();

    ProfanityLexicon(List<String> entries) {
        for (String e : entries) {
            String entry = e.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            if (entry.endsWith("*")) {
                prefixes.add(entry.substring(0, entry.length() - 1));
            } else {
                exact.add(entry);
            }
        }
    }

    static ProfanityLexicon builtIn() {
        return new ProfanityLexicon(ClassifierScannerFactories.lines("guardrails/profanity.txt"));
    }

    static ProfanityLexicon slurs() {
        return new ProfanityLexicon(ClassifierScannerFactories.lines("guardrails/slurs.txt"));
    }

    static ProfanityLexicon insults() {
        return new ProfanityLexicon(ClassifierScannerFactories.lines("guardrails/insults.txt"));
    }

    /** The hits as findings of {@code type} on the original text. */
    static List<io.parapet.guardrails.Finding> findings(
            io.parapet.guardrails.spi.ScanText text, List<Hit> hits, String type, double score) {
        List<io.parapet.guardrails.Finding> findings = new ArrayList<>();
        for (Hit hit : hits) {
            int[] span = text.originalSpan(hit.start(), hit.end());
            findings.add(new io.parapet.guardrails.Finding(
                    type, span[0], span[1], text.original().substring(span[0], span[1]), score));
        }
        return findings;
    }

    List<Hit> find(String text) {
        List<Hit> hits = new ArrayList<>();
        Matcher m = WORD.matcher(Cancellation.watched(text));
        while (m.find()) {
            String word = trimPunctuation(m.group());
            if (word.length() < 3 || word.length() > 40) {
                continue;
            }
            String entry = match(fold(word));
            if (entry != null) {
                hits.add(new Hit(m.start(), m.start() + word.length(), entry));
            }
        }
        return hits;
    }

    private String match(String folded) {
        if (folded.indexOf('*') < 0) {
            for (String e : exact) {
                if (e.equals(folded)) {
                    return e;
                }
            }
            for (String p : prefixes) {
                if (folded.startsWith(p)) {
                    return p + "*";
                }
            }
            return null;
        }
        if (folded.chars().allMatch(c -> c == '*') || !Character.isLetter(folded.charAt(0))) {
            return null; // "****" or "*ck" is too little to go on
        }
        for (String e : exact) {
            if (maskedMatch(folded, e, true)) {
                return e;
            }
        }
        for (String p : prefixes) {
            if (maskedMatch(folded, p, false)) {
                return p + "*";
            }
        }
        return null;
    }

    /**
     * Whether masked word {@code masked}, where each {@code *} stands for one or two letters, spells all of
     * {@code entry} ({@code whole}) or a beginning of it. A dynamic program over (mask position, entry position)
     * sets: time is bounded by their product, whatever the text, so no backtracking regex is built from it.
     */
    static boolean maskedMatch(String masked, String entry, boolean whole) {
        int n = entry.length();
        boolean[] reach = new boolean[n + 1];
        reach[0] = true;
        for (int i = 0; i < masked.length(); i++) {
            char m = masked.charAt(i);
            boolean[] next = new boolean[n + 1];
            for (int j = 0; j < n; j++) {
                if (!reach[j]) {
                    continue;
                }
                if (m != '*') {
                    next[j + 1] |= entry.charAt(j) == m;
                } else if (isAsciiLetter(entry.charAt(j))) {
                    next[j + 1] = true;
                    if (j + 2 <= n && isAsciiLetter(entry.charAt(j + 1))) {
                        next[j + 2] = true; // a star may cover two letters
                    }
                }
            }
            if (!anyTrue(next)) {
                return false;
            }
            reach = next;
        }
        return whole ? reach[n] : anyTrue(reach);
    }

    private static boolean anyTrue(boolean[] values) {
        for (boolean v : values) {
            if (v) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    /** Lower case, leetspeak to letters, runs of three or more identical letters to one. */
    static String fold(String word) {
        StringBuilder out = new StringBuilder(word.length());
        String lower = word.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c =
                    switch (lower.charAt(i)) {
                        case '0' -> 'o';
                        case '1', '!', '|' -> 'i';
                        case '3' -> 'e';
                        case '4', '@' -> 'a';
                        case '5', '$' -> 's';
                        case '7' -> 't';
                        default -> lower.charAt(i);
                    };
            out.append(c);
        }
        // Three or more: stretched ("fuuuck"). Two stay, as real words have them ("ass").
        return STRETCHED.matcher(out).replaceAll("$1");
    }

    private static String trimPunctuation(String word) {
        int end = word.length();
        while (end > 0 && (word.charAt(end - 1) == '!' || word.charAt(end - 1) == '|')) {
            end--;
        }
        return word.substring(0, end);
    }
}

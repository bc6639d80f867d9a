package io.parapet.guardrails.scanners;

import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.spi.Cancellation;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.Scanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * System-prompt leakage in output: a run of at least {@code minWords} consecutive words of the rendered prompt
 * appearing in the output ({@code PROMPT_LEAK}), or a canary token planted in the prompt ({@code CANARY}).
 * Words are compared case-insensitively on normalized text.
 */
final class PromptLeakageScanner implements Scanner {
    private final int minWords;
    private final List<String> canaries;

    PromptLeakageScanner(int minWords, List<String> canaries) {
        this.minWords = minWords;
        this.canaries = List.copyOf(canaries);
    }

    @Override
    public ScanResult scan(ScanText text, ScanContext context) {
        List<Finding> found = new ArrayList<>();
        String n = text.normalized();
        for (String canary : canaries) {
            for (int at = n.indexOf(canary); at >= 0; at = n.indexOf(canary, at + canary.length())) {
                Cancellation.checkpoint();
                found.add(Matches.finding(text, "CANARY", at, at + canary.length(), 1.0));
            }
        }
        if (context.renderedPrompt() != null) {
            found.addAll(overlaps(text, context.renderedPrompt()));
        }
        return ScanResult.of(Matches.strongestNonOverlapping(found));
    }

    private List<Finding> overlaps(ScanText text, String prompt) {
        List<int[]> words = words(text.normalized());
        Set<String> promptShingles = new HashSet<>();
        List<int[]> promptWords = words(prompt);
        for (int i = 0; i + minWords <= promptWords.size(); i++) {
            promptShingles.add(shingle(prompt, promptWords, i));
        }
        List<Finding> found = new ArrayList<>();
        int i = 0;
        while (i + minWords <= words.size()) {
            Cancellation.checkpoint();
            if (!promptShingles.contains(shingle(text.normalized(), words, i))) {
                i++;
                continue;
            }
            int end = i + minWords;
            while (end < words.size()
                    && promptShingles.contains(shingle(text.normalized(), words, end - minWords + 1))) {
                end++;
            }
            found.add(Matches.finding(text, "PROMPT_LEAK", words.get(i)[0], words.get(end - 1)[1], 0.9));
            i = end;
        }
        return found;
    }

    private String shingle(String s, List<int[]> words, int from) {
        StringBuilder out = new StringBuilder();
        for (int k = from; k < from + minWords; k++) {
            out.append(s, words.get(k)[0], words.get(k)[1]).append(' ');
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static List<int[]> words(String s) {
        List<int[]> words = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && !Character.isLetterOrDigit(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(new int[] {start, i});
            }
        }
        return words;
    }
}

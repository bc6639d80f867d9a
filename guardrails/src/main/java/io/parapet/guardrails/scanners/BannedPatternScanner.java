package io.parapet.guardrails.scanners;

import com.google.re2j.Pattern;
import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.Scanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Banned substrings and user-supplied regular expressions. User patterns run with RE2J, in time linear in the
 * text, so a pattern like {@code (a+)+$} cannot stall the gateway.
 */
final class BannedPatternScanner implements Scanner {
    private final List<Pattern> patterns;

    BannedPatternScanner(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    @Override
    public ScanResult scan(ScanText text, ScanContext context) {
        List<Finding> found = new ArrayList<>();
        for (Pattern pattern : patterns) {
            found.addAll(Matches.find(text, pattern, "BANNED_PATTERN", 1.0, v -> !v.isEmpty()));
        }
        return ScanResult.of(Matches.strongestNonOverlapping(found));
    }
}

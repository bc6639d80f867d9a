package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.guardrails.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a scanned text into runs, marking those a guardrail found something in, so the page can highlight them
 * while escaping everything. Overlapping findings are shown once (the earlier one wins).
 */
public final class Highlights {
    /** A run of text; {@code finding} names what was found in it, or is null. */
    public record Run(String text, @Nullable String finding, double score) {}

    private Highlights() {}

    public static List<Run> of(String text, List<Finding> findings) {
        List<Finding> sorted = findings.stream()
                .filter(f -> f.end() <= text.length() && f.end() > f.start())
                .sorted(Comparator.comparingInt(Finding::start))
                .toList();
        List<Run> runs = new ArrayList<>();
        int at = 0;
        for (Finding f : sorted) {
            if (f.start() < at) {
                continue;
            }
            if (f.start() > at) {
                runs.add(new Run(text.substring(at, f.start()), null, 0));
            }
            runs.add(new Run(text.substring(f.start(), f.end()), f.type(), f.score()));
            at = f.end();
        }
        if (at < text.length()) {
            runs.add(new Run(text.substring(at), null, 0));
        }
        return runs;
    }
}

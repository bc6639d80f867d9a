package io.parapet.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parapet.guardrails.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class HighlightsTest {
    @Test
    void splitsTheTextAroundFindings() {
        String text = "Mail jane@example.com or call 555-0100";
        var runs = Highlights.of(
                text, List.of(new Finding("PHONE", 30, 38, "555-0100", 0.8), new Finding("EMAIL", 5, 21, "x", 0.9)));
        assertThat(runs)
                .extracting(Highlights.Run::text)
                .containsExactly("Mail ", "jane@example.com", " or call ", "555-0100");
        assertThat(runs).extracting(Highlights.Run::finding).containsExactly(null, "EMAIL", null, "PHONE");
    }

    @Test
    void skipsOverlapsAndSpansOutsideTheText() {
        var runs = Highlights.of(
                "abcdef",
                List.of(new Finding("A", 0, 4, "", 1), new Finding("B", 2, 5, "", 1), new Finding("C", 4, 60, "", 1)));
        assertThat(runs).extracting(Highlights.Run::text).containsExactly("abcd", "ef");
    }
}

package io.parapet.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parapet.ui.web.WordDiff.Kind;
import io.parapet.ui.web.WordDiff.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordDiffTest {
    @Test
    void marksTheChangedWordsOfAChangedLine() {
        var rows = WordDiff.split(List.of("Answer in a friendly tone."), List.of("Answer in a formal tone."));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).tag()).isEqualTo("change");
        assertThat(rows.get(0).left()).contains(new Segment("friendly", Kind.DELETED));
        assertThat(rows.get(0).right()).contains(new Segment("formal", Kind.INSERTED));
        assertThat(rows.get(0).right()).first().isEqualTo(new Segment("Answer in a ", Kind.SAME));
    }

    @Test
    void numbersLinesOnEachSideAndLeavesTheOtherSideEmptyForAddedLines() {
        var rows = WordDiff.split(List.of("a", "b"), List.of("a", "b", "c"));
        assertThat(rows).extracting(WordDiff.SplitRow::tag).containsExactly("equal", "equal", "insert");
        assertThat(rows.get(2).oldNumber()).isZero();
        assertThat(rows.get(2).newNumber()).isEqualTo(3);
        assertThat(rows.get(2).left()).isEmpty();
    }

    @Test
    void keepsHtmlAsPlainTextForTheTemplateToEscape() {
        var rows = WordDiff.inline(List.of("<b>hi</b>"), List.of("<i>hi</i>"));
        var segments = rows.get(0).segments();
        String before = segments.stream()
                .filter(x -> x.kind() != Kind.INSERTED)
                .map(Segment::text)
                .reduce("", String::concat);
        String after = segments.stream()
                .filter(x -> x.kind() != Kind.DELETED)
                .map(Segment::text)
                .reduce("", String::concat);
        assertThat(before).isEqualTo("<b>hi</b>");
        assertThat(after).isEqualTo("<i>hi</i>");
        assertThat(rows.get(0).segments()).extracting(Segment::kind).contains(Kind.DELETED, Kind.INSERTED);
    }
}

package io.parapet.ui.web;

import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * Line diffs with changes marked down to the word, by java-diff-utils. Its output is split into plain segments
 * (not HTML), so the template escapes every character of the prompts it shows.
 */
public final class WordDiff {
    // Control characters never appear in stored prompt text (the registry refuses them), so they can mark changes.
    private static final char DEL_START = '\u0001';
    private static final char DEL_END = '\u0002';
    private static final char INS_START = '\u0003';
    private static final char INS_END = '\u0004';

    public enum Kind {
        SAME,
        DELETED,
        INSERTED
    }

    public record Segment(String text, Kind kind) {}

    /** One side-by-side row; a side is empty when the line exists on one side only. */
    public record SplitRow(String tag, int oldNumber, int newNumber, List<Segment> left, List<Segment> right) {}

    /** One inline row: deleted and inserted words interleaved. */
    public record InlineRow(String tag, List<Segment> segments) {}

    private WordDiff() {}

    public static List<SplitRow> split(List<String> before, List<String> after) {
        List<DiffRow> rows = generator(false).generateDiffRows(before, after);
        List<SplitRow> out = new ArrayList<>(rows.size());
        int oldNo = 0;
        int newNo = 0;
        for (DiffRow row : rows) {
            boolean hasOld = row.getTag() != DiffRow.Tag.INSERT;
            boolean hasNew = row.getTag() != DiffRow.Tag.DELETE;
            out.add(new SplitRow(
                    row.getTag().name().toLowerCase(),
                    hasOld ? ++oldNo : 0,
                    hasNew ? ++newNo : 0,
                    hasOld ? segments(row.getOldLine()) : List.of(),
                    hasNew ? segments(row.getNewLine()) : List.of()));
        }
        return out;
    }

    public static List<InlineRow> inline(List<String> before, List<String> after) {
        return generator(true).generateDiffRows(before, after).stream()
                .map(r -> new InlineRow(r.getTag().name().toLowerCase(), segments(r.getOldLine())))
                .toList();
    }

    private static DiffRowGenerator generator(boolean merged) {
        return DiffRowGenerator.create()
                .showInlineDiffs(true)
                .inlineDiffByWord(true)
                .mergeOriginalRevised(merged)
                .lineNormalizer(line -> line) // the default escapes HTML; the template does that
                .oldTag(start -> String.valueOf(start ? DEL_START : DEL_END))
                .newTag(start -> String.valueOf(start ? INS_START : INS_END))
                .build();
    }

    static List<Segment> segments(String marked) {
        List<Segment> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Kind kind = Kind.SAME;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            Kind next =
                    switch (c) {
                        case DEL_START -> Kind.DELETED;
                        case INS_START -> Kind.INSERTED;
                        case DEL_END, INS_END -> Kind.SAME;
                        default -> null;
                    };
            if (next == null) {
                text.append(c);
                continue;
            }
            if (!text.isEmpty()) {
                out.add(new Segment(text.toString(), kind));
                text.setLength(0);
            }
            kind = next;
        }
        if (!text.isEmpty()) {
            out.add(new Segment(text.toString(), kind));
        }
        return out;
    }
}

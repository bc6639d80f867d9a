package io.parapet.ui.web;

import io.parapet.registry.PromptDiff;
import java.util.List;

/** Two versions compared: line rows (side by side or inline, words marked) and the structured changes. */
public record DiffPage(
        String name,
        int from,
        int to,
        int latest,
        boolean inline,
        List<WordDiff.SplitRow> rows,
        List<WordDiff.InlineRow> inlineRows,
        PromptDiff changes) {

    public String link(boolean inlineView) {
        return "/ui/prompt/diff?name=" + Pages.q(name) + "&from=" + from + "&to=" + to
                + (inlineView ? "&view=inline" : "");
    }

    public boolean unchanged() {
        return rows.stream().allMatch(r -> r.tag().equals("equal"))
                && changes.variables().isEmpty()
                && changes.model() == null
                && changes.parameters().isEmpty()
                && !changes.responseFormatChanged()
                && changes.guardrails() == null;
    }
}

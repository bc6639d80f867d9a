package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.core.Page;
import io.parapet.registry.PromptSummary;

/** The prompt list: its filters as typed, and one page of results. */
public record PromptsPage(
        @Nullable String q, @Nullable String tag, @Nullable String folder, String sort, Page<PromptSummary> results) {

    public boolean filtered() {
        return !blank(q) || !blank(tag) || !blank(folder);
    }

    public int pages() {
        return (int) Math.max(1, (results.total() + results.size() - 1) / results.size());
    }

    /** This listing's URL at another page, filters kept. */
    public String at(int page) {
        StringBuilder url = new StringBuilder("/ui/prompts?sort=").append(Pages.q(sort));
        if (!blank(q)) {
            url.append("&q=").append(Pages.q(q));
        }
        if (!blank(tag)) {
            url.append("&tag=").append(Pages.q(tag));
        }
        if (!blank(folder)) {
            url.append("&folder=").append(Pages.q(folder));
        }
        return url.append("&page=").append(page).toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

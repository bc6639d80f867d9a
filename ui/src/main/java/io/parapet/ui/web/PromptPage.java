package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.core.Page;
import io.parapet.registry.Label;
import io.parapet.registry.LabelEvent;
import io.parapet.registry.PromptDetail;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.VersionSummary;
import java.util.List;

/**
 * One prompt: its version timeline, the selected version in full (with its template split into text and
 * variables for highlighting), its labels and their history, and a notice after an action.
 */
public record PromptPage(
        PromptDetail prompt,
        Page<VersionSummary> timeline,
        PromptVersion selected,
        List<TemplateParts.Block> blocks,
        Page<LabelEvent> history,
        List<String> protectedLabels,
        @Nullable String notice) {

    public String link() {
        return "/ui/prompt?name=" + Pages.q(prompt.name());
    }

    public String link(int version) {
        return link() + "&version=" + version;
    }

    public @Nullable Label label(String name) {
        return prompt.labels().stream()
                .filter(l -> l.name().equals(name))
                .findFirst()
                .orElse(null);
    }
}

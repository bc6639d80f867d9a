package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.registry.Label;

/**
 * Moving a label: where it points now, the diff to the version it would point at, whether this user may move it
 * (and why not), the promotion gate on the label and whether this version passes it, and the message when someone
 * else moved it first.
 */
public record PromotePage(
        String name,
        String label,
        int version,
        @Nullable Label current,
        @Nullable DiffPage diff,
        boolean isProtected,
        @Nullable String disabledReason,
        @Nullable String conflict,
        @Nullable io.parapet.eval.gate.Gate gate) {

    public boolean alreadyThere() {
        return current != null && current.version() == version;
    }

    public String link() {
        return "/ui/prompt?name=" + Pages.q(name);
    }

    public String reloadLink() {
        return "/ui/prompt/promote?name=" + Pages.q(name) + "&label=" + Pages.q(label) + "&version=" + version;
    }
}

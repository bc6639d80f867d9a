package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.registry.Label;
import io.parapet.registry.Variable;
import io.parapet.registry.VersionSummary;
import java.util.List;

/**
 * The playground: a prompt, the versions and labels to pick from (twice, to compare), its variables, and why it
 * cannot run when it cannot.
 */
public record PlaygroundPage(
        @Nullable String prompt,
        List<String> promptNames,
        List<Label> labels,
        List<VersionSummary> versions,
        String refA,
        String refB,
        List<Variable> variables,
        @Nullable String error) {

    /** The choices of a version picker: labels first, then version numbers. */
    public List<Choice> choices() {
        List<Choice> out = new java.util.ArrayList<>();
        for (Label l : labels) {
            out.add(new Choice("label:" + l.name(), l.name() + " (v" + l.version() + ")"));
        }
        for (VersionSummary v : versions) {
            out.add(new Choice("version:" + v.version(), "v" + v.version() + " — " + v.commitMessage()));
        }
        return out;
    }

    public record Choice(String value, String text) {}
}

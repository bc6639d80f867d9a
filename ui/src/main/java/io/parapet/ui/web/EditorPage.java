package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.core.FieldError;
import io.parapet.registry.DraftCheck;
import java.util.List;

/**
 * The new-version editor: the form, where it started from, the catalog's model names, the live check, and the
 * errors or notice of the last save.
 */
public record EditorPage(
        EditorForm form,
        boolean newPrompt,
        @Nullable Integer from,
        List<String> models,
        @Nullable DraftCheck check,
        List<FieldError> errors,
        @Nullable String notice) {

    /** The error for one field, or null; the general errors have field "". */
    public @Nullable String errorFor(String field) {
        return errors.stream()
                .filter(e -> e.field().equals(field)
                        || e.field().startsWith(field + "[")
                        || e.field().startsWith(field + "."))
                .map(FieldError::message)
                .findFirst()
                .orElse(null);
    }

    public String link() {
        return "/ui/prompt?name=" + Pages.q(form.name());
    }
}

package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.core.Page;
import io.parapet.eval.dataset.DatasetItem;
import io.parapet.eval.dataset.DatasetSummary;
import io.parapet.eval.dataset.DatasetVersion;
import java.util.List;

/**
 * The dataset pages. On a dataset's page: its versions and one version's items, a page at a time. On the import
 * page: the form (kept as typed after an error), why it was refused, and each invalid row's line and reason.
 */
public record DatasetPage(
        @Nullable DatasetSummary dataset,
        @Nullable Page<DatasetVersion> versions,
        @Nullable DatasetVersion version,
        @Nullable Page<DatasetItem> items,
        ImportForm form,
        @Nullable String notice,
        List<LineError> lineErrors) {

    /** The import form's fields. */
    public record ImportForm(String name, String format, String content, boolean skipInvalid, String commitMessage) {
        static final ImportForm EMPTY = new ImportForm("", "jsonl", "", false, "");
    }

    /** An invalid row of the upload. */
    public record LineError(String line, String reason) {}

    static DatasetPage importing(ImportForm form, String notice, List<LineError> errors) {
        return new DatasetPage(null, null, null, null, form, notice, errors);
    }
}

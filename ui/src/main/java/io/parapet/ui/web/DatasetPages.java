package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.eval.dataset.DatasetService;
import io.parapet.eval.dataset.DatasetVersion;
import io.parapet.eval.dataset.ImportFormat;
import io.parapet.eval.dataset.ImportResult;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

/**
 * Datasets in the UI: a dataset's versions and items, and an import form for pasted rows (up to the form limit of
 * 1 MB; larger files go through the import API or the CLI) that lists every invalid row by line.
 */
@Controller("/ui/eval/datasets")
@Secured("viewer")
@ExecuteOn(TaskExecutors.BLOCKING)
class DatasetPages {
    private static final int ITEMS_PER_PAGE = 50;
    private final DatasetService datasets;

    DatasetPages(DatasetService datasets) {
        this.datasets = datasets;
    }

    @Get("/import")
    @Secured("editor")
    ModelAndView<Map<String, Object>> importForm(Authentication auth) {
        return Pages.view(
                "eval-import",
                UiContext.of(auth, "eval"),
                DatasetPage.importing(DatasetPage.ImportForm.EMPTY, null, List.of()));
    }

    @Post(value = "/import", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured("editor")
    HttpResponse<?> importRows(HttpRequest<?> request, Authentication auth, @Body Map<String, String> form) {
        UiContext ui = UiContext.of(auth, "eval");
        var kept = new DatasetPage.ImportForm(
                form.getOrDefault("name", "").trim(),
                form.getOrDefault("format", "jsonl"),
                form.getOrDefault("content", ""),
                "on".equals(form.get("skipInvalid")) || "true".equals(form.get("skipInvalid")),
                form.getOrDefault("commitMessage", ""));
        try {
            ImportResult result = datasets.importItems(
                    kept.name(),
                    ImportFormat.parse(kept.format()),
                    new StringReader(kept.content()),
                    new DatasetService.ImportOptions(
                            kept.skipInvalid(), kept.commitMessage().isBlank() ? null : kept.commitMessage(), null),
                    ui.actor());
            return Pages.redirect(
                    request,
                    "/ui/eval/datasets/" + kept.name() + "?version="
                            + result.version().version());
        } catch (ParapetException e) {
            List<DatasetPage.LineError> lines = e.errors().stream()
                    .map(f -> new DatasetPage.LineError(f.field(), f.message()))
                    .toList();
            return Pages.view(
                    EvalForms.status(e), "eval-import", ui, DatasetPage.importing(kept, e.getMessage(), lines));
        }
    }

    @Get("/{name:.+}{?version,page}")
    ModelAndView<Map<String, Object>> dataset(
            Authentication auth,
            @PathVariable String name,
            @QueryValue @Nullable Integer version,
            @QueryValue @Nullable Integer page) {
        var summary = datasets.get(name);
        String ref = version == null ? null : String.valueOf(version);
        DatasetVersion shown = datasets.resolve(name, ref);
        var items = datasets.items(name, ref, new PageRequest(page == null ? 0 : page, ITEMS_PER_PAGE));
        return Pages.view(
                "eval-dataset",
                UiContext.of(auth, "eval"),
                new DatasetPage(
                        summary,
                        datasets.versions(name, new PageRequest(0, 50)),
                        shown,
                        items,
                        DatasetPage.ImportForm.EMPTY,
                        null,
                        List.of()));
    }
}

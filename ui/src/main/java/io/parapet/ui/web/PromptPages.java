package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.registry.LabelEvent;
import io.parapet.registry.LabelService;
import io.parapet.registry.PromptDetail;
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptSummary;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.RegistryConfig;
import io.parapet.registry.VersionSummary;
import java.util.Map;

/** The prompt list and a prompt's page. Read-only: any signed-in role may look. */
@Controller("/ui")
@Secured("viewer")
@ExecuteOn(TaskExecutors.BLOCKING)
class PromptPages {
    static final int PAGE_SIZE = 25;

    private final PromptService prompts;
    private final LabelService labels;
    private final RegistryConfig registry;

    PromptPages(PromptService prompts, LabelService labels, RegistryConfig registry) {
        this.prompts = prompts;
        this.labels = labels;
        this.registry = registry;
    }

    @Get("/prompts")
    ModelAndView<Map<String, Object>> list(
            Authentication auth,
            @QueryValue @Nullable String q,
            @QueryValue @Nullable String tag,
            @QueryValue @Nullable String folder,
            @QueryValue @Nullable String sort,
            @QueryValue @Nullable Integer page) {
        String order = sort == null || sort.isBlank() ? "name" : sort;
        PageRequest request = new PageRequest(page == null || page < 0 ? 0 : page, PAGE_SIZE);
        Page<PromptSummary> results = prompts.list(q, tag, folder, order, request);
        return Pages.view("prompts", UiContext.of(auth, "prompts"), new PromptsPage(q, tag, folder, order, results));
    }

    @Get("/prompt")
    ModelAndView<Map<String, Object>> show(
            Authentication auth,
            @QueryValue String name,
            @QueryValue @Nullable Integer version,
            @QueryValue @Nullable Integer page,
            @QueryValue @Nullable String notice) {
        PromptDetail detail = prompts.get(name);
        if (detail.latestVersion() == 0) {
            throw ParapetException.notFound("prompt '" + name + "' has no versions");
        }
        int selected = version == null ? detail.latestVersion() : version;
        PromptVersion v = prompts.version(name, selected);
        Page<VersionSummary> timeline = prompts.versions(name, new PageRequest(page == null ? 0 : page, PAGE_SIZE));
        Page<LabelEvent> history = labels.history(name, new PageRequest(0, 50));
        return Pages.view(
                "prompt",
                UiContext.of(auth, "prompts"),
                new PromptPage(detail, timeline, v, TemplateParts.of(v), history, registry.protectedLabels(), notice));
    }
}

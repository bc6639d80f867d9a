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
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptVersion;
import java.util.Map;

/** Compares any two versions of a prompt. */
@Controller("/ui/prompt")
@Secured("viewer")
@ExecuteOn(TaskExecutors.BLOCKING)
class DiffPages {
    private final PromptService prompts;

    DiffPages(PromptService prompts) {
        this.prompts = prompts;
    }

    @Get("/diff")
    ModelAndView<Map<String, Object>> diff(
            Authentication auth,
            @QueryValue String name,
            @QueryValue int from,
            @QueryValue int to,
            @QueryValue @Nullable String view) {
        return Pages.view("diff", UiContext.of(auth, "prompts"), page(prompts, name, from, to, "inline".equals(view)));
    }

    static DiffPage page(PromptService prompts, String name, int from, int to, boolean inline) {
        PromptVersion a = prompts.version(name, from);
        PromptVersion b = prompts.version(name, to);
        int latest = prompts.get(name).latestVersion();
        return new DiffPage(
                name,
                from,
                to,
                latest,
                inline,
                WordDiff.split(a.lines(), b.lines()),
                inline ? WordDiff.inline(a.lines(), b.lines()) : java.util.List.of(),
                prompts.diff(name, from, to));
    }
}

package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.parapet.core.FieldError;
import io.parapet.core.ParapetException;
import io.parapet.registry.DraftCheck;
import io.parapet.registry.ModelService;
import io.parapet.registry.ModelSummary;
import io.parapet.registry.PromptDetail;
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.Rendered;
import io.parapet.registry.Saved;
import java.util.List;
import java.util.Map;

/**
 * The new-version editor: start from any version, check the draft live (htmx posts the form as you type), preview
 * it with sample values, and save it with a commit message. Saving content identical to the latest version
 * creates nothing and says so.
 */
@Controller("/ui/prompt")
@Secured("editor")
@ExecuteOn(TaskExecutors.BLOCKING)
class EditorPages {
    private final PromptService prompts;
    private final ModelService models;

    EditorPages(PromptService prompts, ModelService models) {
        this.prompts = prompts;
        this.models = models;
    }

    @Get("/new")
    ModelAndView<Map<String, Object>> editor(
            Authentication auth,
            @QueryValue @Nullable String name,
            @QueryValue @Nullable Integer from,
            @QueryValue @Nullable String type) {
        if (name == null || name.isBlank()) {
            EditorForm empty = EditorForm.empty(type);
            return Pages.view("editor", UiContext.of(auth, "prompts"), page(empty, true, null, null, List.of(), null));
        }
        PromptDetail detail = prompts.get(name);
        int start = from == null ? detail.latestVersion() : from;
        PromptVersion source = prompts.version(name, start);
        EditorForm form = EditorForm.from(name, source, detail.description(), detail.tags());
        return Pages.view(
                "editor",
                UiContext.of(auth, "prompts"),
                page(form, false, start, prompts.check(name, form.toRequest()), List.of(), null));
    }

    @Post(value = "/check", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    ModelAndView<Map<String, Object>> check(Authentication auth, @Body Map<String, String> body) {
        EditorForm form = EditorForm.read(body);
        return Pages.view(
                "parts/check", UiContext.of(auth, "prompts"), page(form, false, null, checked(form), List.of(), null));
    }

    @Post(value = "/preview", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    ModelAndView<Map<String, Object>> preview(Authentication auth, @Body Map<String, String> body) {
        EditorForm form = EditorForm.read(body);
        Rendered rendered = null;
        String error = null;
        try {
            rendered = prompts.preview(nameOrDraft(form), form.toRequest(), form.sampleValues());
        } catch (ParapetException e) {
            error = e.getMessage();
        }
        return Pages.view("parts/preview", UiContext.of(auth, "prompts"), new PreviewPage(rendered, error));
    }

    @Post(value = "/save", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(HttpRequest<?> request, Authentication auth, @Body Map<String, String> body) {
        EditorForm form = EditorForm.read(body);
        boolean newPrompt = "true".equals(body.get("newPrompt"));
        Integer from =
                body.containsKey("from") && !body.get("from").isBlank() ? Integer.valueOf(body.get("from")) : null;
        UiContext ui = UiContext.of(auth, "prompts");
        try {
            if (newPrompt && exists(form.name())) {
                throw ParapetException.invalidField(
                        "name", "a prompt named '" + form.name() + "' already exists; open it to add a version");
            }
            Saved<PromptVersion> saved = prompts.createVersion(form.name(), form.toRequest(), ui.actor());
            if (!saved.created()) {
                String notice = "Nothing saved: this content is identical to version "
                        + saved.value().version() + ", the latest. Change something first.";
                return Pages.view(
                        HttpStatus.OK, "editor", ui, page(form, newPrompt, from, checked(form), List.of(), notice));
            }
            return Pages.redirect(
                    request,
                    "/ui/prompt?name=" + Pages.q(form.name()) + "&version="
                            + saved.value().version() + "&notice="
                            + Pages.q("Saved version " + saved.value().version() + "."));
        } catch (ParapetException e) {
            List<FieldError> errors = e.errors().isEmpty() ? List.of(new FieldError("", e.getMessage())) : e.errors();
            return Pages.view(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "editor",
                    ui,
                    page(form, newPrompt, from, checked(form), errors, null));
        }
    }

    private DraftCheck checked(EditorForm form) {
        try {
            return prompts.check(nameOrDraft(form), form.toRequest());
        } catch (ParapetException e) {
            List<FieldError> errors = e.errors().isEmpty() ? List.of(new FieldError("", e.getMessage())) : e.errors();
            return new DraftCheck(errors, List.of(), List.of(), null);
        }
    }

    private boolean exists(String name) {
        try {
            prompts.get(name);
            return true;
        } catch (ParapetException e) {
            return false;
        }
    }

    /** A new prompt may not have a valid name yet while its text is checked; a placeholder keeps the check useful. */
    private static String nameOrDraft(EditorForm form) {
        return form.name().isBlank() ? "draft" : form.name();
    }

    private EditorPage page(
            EditorForm form,
            boolean newPrompt,
            Integer from,
            DraftCheck check,
            List<FieldError> errors,
            String notice) {
        List<String> names = models.list().stream().map(ModelSummary::name).toList();
        return new EditorPage(form, newPrompt, from, names, check, errors, notice);
    }
}

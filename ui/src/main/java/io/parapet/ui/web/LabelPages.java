package io.parapet.ui.web;

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
import io.parapet.core.ParapetException;
import io.parapet.core.Problem;
import io.parapet.registry.Label;
import io.parapet.registry.LabelService;
import io.parapet.registry.PromptService;
import io.parapet.registry.RegistryConfig;
import java.util.Map;

/**
 * Promote and roll back: a label moves only after its diff was shown and confirmed, and only from the revision the
 * page showed, so a page that went stale gets a conflict instead of overwriting someone else's move.
 */
@Controller("/ui/prompt")
@Secured("viewer")
@ExecuteOn(TaskExecutors.BLOCKING)
class LabelPages {
    private final PromptService prompts;
    private final LabelService labels;
    private final RegistryConfig registry;
    private final io.parapet.eval.gate.GateService gates;

    LabelPages(
            PromptService prompts,
            LabelService labels,
            RegistryConfig registry,
            io.parapet.eval.gate.GateService gates) {
        this.prompts = prompts;
        this.labels = labels;
        this.registry = registry;
        this.gates = gates;
    }

    @Get("/promote")
    ModelAndView<Map<String, Object>> confirm(
            Authentication auth, @QueryValue String name, @QueryValue String label, @QueryValue int version) {
        UiContext ui = UiContext.of(auth, "prompts");
        return Pages.view("promote", ui, page(ui, name, label.trim(), version, null));
    }

    @Post(value = "/label", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> move(HttpRequest<?> request, Authentication auth, @Body Map<String, String> form) {
        UiContext ui = UiContext.of(auth, "prompts");
        String name = form.getOrDefault("name", "");
        String label = form.getOrDefault("label", "").trim();
        int version = number(form.get("version"), "version");
        String revision = form.getOrDefault("revision", "");
        try {
            Label moved = labels.set(
                    name, label, version, revision.isBlank() ? null : number(revision, "revision"), ui.actor());
            return Pages.redirect(
                    request,
                    "/ui/prompt?name=" + Pages.q(name) + "&version=" + moved.version() + "&notice="
                            + Pages.q("'" + label + "' now points at version " + moved.version() + "."));
        } catch (ParapetException e) {
            if (e.problem() == Problem.PRECONDITION_FAILED || e.problem() == Problem.PRECONDITION_REQUIRED) {
                String conflict = "Someone moved '" + label + "' while you were reviewing. Nothing was changed."
                        + " Review the diff from where it points now, then confirm again.";
                return Pages.view(HttpStatus.CONFLICT, "promote", ui, page(ui, name, label, version, conflict));
            }
            if (e.problem() == Problem.FORBIDDEN
                    || e.problem() == Problem.INVALID_REQUEST
                    || e.problem() == Problem.CONFLICT) {
                return Pages.view(
                        HttpStatus.valueOf(e.problem().status()),
                        "promote",
                        ui,
                        page(ui, name, label, version, e.getMessage()));
            }
            throw e;
        }
    }

    private PromotePage page(UiContext ui, String name, String label, int version, String conflict) {
        prompts.version(name, version); // a 404 for a version that does not exist
        Label current = labels.find(name, label).orElse(null);
        DiffPage diff = current == null || current.version() == version
                ? null
                : DiffPages.page(prompts, name, current.version(), version, false);
        boolean isProtected = registry.isProtected(label);
        String reason = null;
        if (!ui.canEdit()) {
            reason = "Your role (" + roles(ui) + ") may not move labels: editors may, and publishers or admins for"
                    + " protected labels.";
        } else if (isProtected && !ui.canPublish()) {
            reason = "'" + label + "' is protected: only publishers and admins may move it. Ask one to promote v"
                    + version + ".";
        }
        var gate = gates.find(name, label, current == null ? null : current.version(), version)
                .orElse(null);
        if (reason == null
                && gate != null
                && gate.check() != null
                && !gate.check().passed()) {
            reason = "The promotion gate on '" + label + "' holds: "
                    + gate.check().reason() + ".";
        }
        return new PromotePage(name, label, version, current, diff, isProtected, reason, conflict, gate);
    }

    private static String roles(UiContext ui) {
        return ui.roles().stream()
                .map(r -> r.wireName())
                .sorted()
                .reduce((a, b) -> a + ", " + b)
                .orElse("none");
    }

    private static int number(String value, String field) {
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw ParapetException.invalidField(field, "must be a number");
        }
    }
}

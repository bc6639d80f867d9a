package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import io.parapet.core.Problem;
import io.parapet.deployer.deployment.Deployments;
import io.parapet.deployer.rollout.Rollout;
import io.parapet.deployer.rollout.Rollouts;
import io.parapet.streaming.alerts.Alerts;
import java.util.List;
import java.util.Map;

/**
 * Deployments in the UI: where each release runs and in what state, each rollout's progress across its steps with its
 * canary's live figures beside the stable version's, and promote and abort for publishers. Both act only on the
 * revision the page showed, so a page that went stale gets a conflict instead of undoing someone else's decision.
 */
@Controller("/ui/deployments")
@Secured("viewer")
@ExecuteOn(TaskExecutors.BLOCKING)
class DeploymentPages {
    private static final int ROLLOUTS_SHOWN = 20;

    private final Deployments deployments;
    private final Rollouts rollouts;
    private final Alerts alerts;

    DeploymentPages(Deployments deployments, Rollouts rollouts, Alerts alerts) {
        this.deployments = deployments;
        this.rollouts = rollouts;
        this.alerts = alerts;
    }

    @Get("{?page}")
    ModelAndView<Map<String, Object>> list(Authentication auth, @QueryValue @Nullable Integer page) {
        return Pages.view("deployments", UiContext.of(auth, "deployments"), listPage(page, null));
    }

    @Get("/{id}")
    ModelAndView<Map<String, Object>> deployment(Authentication auth, @PathVariable long id) {
        return Pages.view(
                "deployment",
                UiContext.of(auth, "deployments"),
                new DeploymentsPage(null, null, deployments.get(id), deployments.events(id), null));
    }

    @Post(value = "/rollouts/{id}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured("publisher")
    HttpResponse<?> act(Authentication auth, @PathVariable long id, @Body Map<String, String> form) {
        UiContext ui = UiContext.of(auth, "deployments");
        String action = form.getOrDefault("action", "");
        HttpStatus status = HttpStatus.OK;
        String notice;
        try {
            Integer revision = revision(form.get("revision"));
            Rollout r =
                    switch (action) {
                        case "promote" -> rollouts.promote(id, revision, ui.actor());
                        case "abort" -> rollouts.abort(id, revision, form.get("reason"), ui.actor());
                        default -> throw ParapetException.invalidField("action", "must be promote or abort");
                    };
            notice = "Rollout " + id + " of " + r.prompt() + "@" + r.label() + ": " + r.state()
                    + (r.state().equals("progressing") ? ", canary at " + r.percent() + " %." : ".");
        } catch (ParapetException e) {
            status = HttpStatus.valueOf(e.problem().status());
            notice = e.problem() == Problem.PRECONDITION_FAILED
                    ? "Rollout " + id + " changed while you were looking; nothing was done. Review it again."
                    : e.getMessage();
        }
        return Pages.view(status, "deployments", ui, listPage(null, notice));
    }

    private DeploymentsPage listPage(Integer page, String notice) {
        List<RolloutRow> rows = rollouts.list(null, null, PageRequest.of(0, ROLLOUTS_SHOWN)).items().stream()
                .map(this::row)
                .toList();
        return new DeploymentsPage(deployments.list(PageRequest.of(page, 50)), rows, null, null, notice);
    }

    private RolloutRow row(Rollout r) {
        return new RolloutRow(
                r,
                alerts.figuresSince(r.canarySubject(), r.createdAt()),
                alerts.figuresSince(r.stableSubject(), r.createdAt()),
                alerts.unresolvedOn(r.canarySubject(), r.createdAt()));
    }

    /** The form's revision; a form without one is refused rather than acting on whatever the state is now. */
    private static Integer revision(String value) {
        try {
            return Integer.valueOf(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw ParapetException.invalidField("revision", "must be the rollout's revision the page showed");
        }
    }
}

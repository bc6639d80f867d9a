package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.parapet.core.PageRequest;
import io.parapet.deployer.deployment.Deployments;
import io.parapet.deployer.rollout.Rollouts;
import java.util.Map;

/**
 * Deployments in the UI: where each release runs and in what state, and each rollout's progress across its steps.
 * Deploying, promoting and aborting go through the API and CLI.
 */
@Controller("/ui/deployments")
@Secured("viewer")
@ExecuteOn(TaskExecutors.BLOCKING)
class DeploymentPages {
    private final Deployments deployments;
    private final Rollouts rollouts;

    DeploymentPages(Deployments deployments, Rollouts rollouts) {
        this.deployments = deployments;
        this.rollouts = rollouts;
    }

    @Get("{?page}")
    ModelAndView<Map<String, Object>> list(Authentication auth, @QueryValue @Nullable Integer page) {
        return Pages.view(
                "deployments",
                UiContext.of(auth, "deployments"),
                new DeploymentsPage(
                        deployments.list(PageRequest.of(page, 50)),
                        rollouts.list(null, null, PageRequest.of(0, 20)),
                        null,
                        null));
    }

    @Get("/{id}")
    ModelAndView<Map<String, Object>> deployment(Authentication auth, @PathVariable long id) {
        return Pages.view(
                "deployment",
                UiContext.of(auth, "deployments"),
                new DeploymentsPage(null, null, deployments.get(id), deployments.events(id)));
    }
}

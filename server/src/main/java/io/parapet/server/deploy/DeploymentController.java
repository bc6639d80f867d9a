package io.parapet.server.deploy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.deployer.deployment.Deployment;
import io.parapet.deployer.deployment.DeploymentEvent;
import io.parapet.deployer.deployment.DeploymentSpec;
import io.parapet.deployer.deployment.Deployments;
import io.parapet.server.api.Responses;
import io.parapet.server.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * Deployments of releases to deploy targets: started here and brought up in the background (poll the deployment, or
 * its events), retried, undeployed; with their history and the tail of their output.
 */
@Controller("/api/v1/deployments")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "deployments")
class DeploymentController {
    private final Deployments deployments;

    DeploymentController(Deployments deployments) {
        this.deployments = deployments;
    }

    @Operation(summary = "Deploy a release to a target (local by default); 202, state deploying, then ready or failed")
    @Post
    @Secured("publisher")
    HttpResponse<Deployment> apply(@Body DeploymentSpec body, Authentication auth) {
        Deployment d = deployments.apply(Responses.required(body), Actors.of(auth));
        return HttpResponse.accepted().body(d).header("Location", "/api/v1/deployments/" + d.id());
    }

    @Operation(summary = "Deployments, newest first")
    @Get("{?page,size}")
    @Secured("viewer")
    Page<Deployment> list(@Nullable Integer page, @Nullable Integer size) {
        return deployments.list(PageRequest.of(page, size));
    }

    @Operation(summary = "A deployment: its release, state, reason and endpoint")
    @Get("/{id}")
    @Secured("viewer")
    Deployment get(@PathVariable long id) {
        return deployments.get(id);
    }

    @Operation(summary = "What happened to a deployment, oldest first")
    @Get("/{id}/events")
    @Secured("viewer")
    List<DeploymentEvent> events(@PathVariable long id) {
        return deployments.events(id);
    }

    @Operation(summary = "The last lines of the deployment's output (lines 1 to 1000, default 100)")
    @Get("/{id}/logs{?lines}")
    @Secured("publisher")
    List<String> logs(@PathVariable long id, @Nullable @QueryValue Integer lines) {
        return deployments.logs(id, lines == null ? 100 : lines);
    }

    @Operation(summary = "Deploy the deployment's spec again (after a failure, a stop or an unreachable cluster)")
    @Post("/{id}/retry")
    @Secured("publisher")
    HttpResponse<Deployment> retry(@PathVariable long id, Authentication auth) {
        return HttpResponse.accepted().body(deployments.retry(id, Actors.of(auth)));
    }

    @Operation(summary = "Remove everything the deployment runs; its record and history stay")
    @Delete("/{id}")
    @Secured("publisher")
    Deployment undeploy(@PathVariable long id, Authentication auth) {
        return deployments.undeploy(id, Actors.of(auth));
    }
}

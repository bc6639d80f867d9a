package io.parapet.server.deploy;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.parapet.deployer.deployment.DeployTargets;
import io.parapet.deployer.deployment.TargetSpec;
import io.parapet.deployer.deployment.TargetView;
import io.parapet.server.api.Responses;
import io.parapet.server.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Deploy targets: admins configure clusters (kubeconfig, stored encrypted) and GitOps folders; local is built in. */
@Controller("/api/v1/deploy-targets")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "deployments")
class DeployTargetController {
    private final DeployTargets targets;

    DeployTargetController(DeployTargets targets) {
        this.targets = targets;
    }

    @Operation(summary = "The deploy targets (never their credentials)")
    @Get
    @Secured("viewer")
    List<TargetView> list() {
        return targets.list();
    }

    @Operation(summary = "Create or replace a deploy target (admin)")
    @Put("/{name}")
    @Secured("admin")
    TargetView put(@PathVariable String name, @Body TargetSpec body, Authentication auth) {
        return targets.put(name, Responses.required(body), Actors.of(auth));
    }

    @Operation(summary = "Remove a deploy target (admin); its deployments stay recorded")
    @Delete("/{name}")
    @Secured("admin")
    HttpResponse<Void> delete(@PathVariable String name, Authentication auth) {
        targets.delete(name, Actors.of(auth));
        return HttpResponse.noContent();
    }
}

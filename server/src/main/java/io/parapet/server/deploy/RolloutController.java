package io.parapet.server.deploy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.deployer.rollout.Rollout;
import io.parapet.deployer.rollout.RolloutSpec;
import io.parapet.deployer.rollout.Rollouts;
import io.parapet.server.api.Responses;
import io.parapet.server.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Rollouts: canary versions of a label taken through traffic steps, advanced by analysis and rolled back by alerts.
 * Promote and abort take {@code If-Match: <revision>} to act only on the state the caller saw.
 */
@Controller("/api/v1/rollouts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "deployments")
class RolloutController {
    /** Why a publisher aborts, kept in the history; optional. */
    @Serdeable
    record AbortRequest(@Nullable String reason) {}

    private final Rollouts rollouts;

    RolloutController(Rollouts rollouts) {
        this.rollouts = rollouts;
    }

    @Operation(summary = "Start a rollout: the canary version gets the first step's share of the label's traffic")
    @Post
    @Secured("publisher")
    HttpResponse<Rollout> start(@Body RolloutSpec body, Authentication auth) {
        Rollout started = rollouts.start(Responses.required(body), Actors.of(auth));
        return HttpResponse.created(started)
                .header("Location", "/api/v1/rollouts/" + started.id())
                .header("ETag", Responses.etag(started.revision()));
    }

    @Operation(summary = "Rollouts, newest first; filter by prompt and state")
    @Get("{?prompt,state,page,size}")
    @Secured("viewer")
    Page<Rollout> list(
            @Nullable String prompt, @Nullable String state, @Nullable Integer page, @Nullable Integer size) {
        return rollouts.list(prompt, state, PageRequest.of(page, size));
    }

    @Operation(summary = "A rollout with its steps, analysis and history")
    @Get("/{id}")
    @Secured("viewer")
    HttpResponse<Rollout> get(@PathVariable long id) {
        Rollout r = rollouts.get(id);
        return HttpResponse.ok(r).header("ETag", Responses.etag(r.revision()));
    }

    @Operation(summary = "Go to the next step now; after the last one the label moves to the canary")
    @Post("/{id}/promote")
    @Secured("publisher")
    HttpResponse<Rollout> promote(
            @PathVariable long id, @Nullable @Header("If-Match") String ifMatch, Authentication auth) {
        Rollout r = rollouts.promote(id, Responses.revision(ifMatch), Actors.of(auth));
        return HttpResponse.ok(r).header("ETag", Responses.etag(r.revision()));
    }

    @Operation(summary = "End the rollout with all traffic back on the stable version")
    @Post("/{id}/abort")
    @Secured("publisher")
    HttpResponse<Rollout> abort(
            @PathVariable long id,
            @Nullable @Body AbortRequest body,
            @Nullable @Header("If-Match") String ifMatch,
            Authentication auth) {
        Rollout r =
                rollouts.abort(id, Responses.revision(ifMatch), body == null ? null : body.reason(), Actors.of(auth));
        return HttpResponse.ok(r).header("ETag", Responses.etag(r.revision()));
    }
}

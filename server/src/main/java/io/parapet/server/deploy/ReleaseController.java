package io.parapet.server.deploy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.deployer.release.Release;
import io.parapet.deployer.release.ReleaseBundle;
import io.parapet.deployer.release.ReleaseDiff;
import io.parapet.deployer.release.ReleaseService;
import io.parapet.deployer.release.ReleaseSpec;
import io.parapet.server.api.Responses;
import io.parapet.server.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Releases: immutable records of what a deployment serves. */
@Controller("/api/v1/releases")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "deployments")
class ReleaseController {
    private final ReleaseService releases;

    ReleaseController(ReleaseService releases) {
        this.releases = releases;
    }

    @Operation(
            summary = "Make a release: the prompts (name@label resolved now, or name#version) with their model and"
                    + " policy versions and credential references; the same content again is the same release (200)")
    @Post
    @Secured("publisher")
    HttpResponse<Release> create(@Body ReleaseSpec body, Authentication auth) {
        var saved = releases.create(Responses.required(body), Actors.of(auth));
        return saved.created()
                ? HttpResponse.created(saved.value())
                        .header("Location", "/api/v1/releases/" + saved.value().id())
                : HttpResponse.ok(saved.value());
    }

    @Operation(summary = "Releases, newest first")
    @Get("{?page,size}")
    @Secured("viewer")
    Page<Release> list(@Nullable Integer page, @Nullable Integer size) {
        return releases.list(PageRequest.of(page, size));
    }

    @Operation(summary = "A release by number or digest (sha256:…)")
    @Get("/{ref}")
    @Secured("viewer")
    Release get(@PathVariable String ref) {
        return releases.get(ref);
    }

    @Operation(
            summary = "A release with the content of every version it pins: the file a release image bakes in"
                    + " (parapet deploy image --release-file)")
    @Get("/{ref}/bundle")
    @Secured("viewer")
    ReleaseBundle bundle(@PathVariable String ref) {
        return releases.bundle(ref);
    }

    @Operation(summary = "What changes from one release to another")
    @Get("/{from}/diff/{to}")
    @Secured("viewer")
    ReleaseDiff diff(@PathVariable String from, @PathVariable String to) {
        return releases.diff(from, to);
    }
}

package io.parapet.server.api;

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
import io.parapet.registry.CreateModelVersionRequest;
import io.parapet.registry.ModelService;
import io.parapet.registry.ModelSummary;
import io.parapet.registry.ModelVersion;
import io.parapet.server.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** The model catalog. Credentials go in, never out: responses show {@code hasCredential}. */
@Controller("/api/v1/models")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "models")
class ModelController {
    private final ModelService models;

    ModelController(ModelService models) {
        this.models = models;
    }

    @Operation(
            summary =
                    "Create a model version (and the model on first use); identical content returns the latest with 200")
    @Post("/{name:.+}/versions")
    @Secured("editor")
    HttpResponse<ModelVersion> create(
            @PathVariable String name, @Body CreateModelVersionRequest body, Authentication auth) {
        var saved = models.createVersion(name, Responses.required(body), Actors.of(auth));
        return Responses.saved(
                saved, "/api/v1/models/" + name + "/versions/" + saved.value().version());
    }

    @Operation(summary = "The catalog; development providers (echo) are marked development=true")
    @Get
    @Secured("viewer")
    List<ModelSummary> list() {
        return models.list();
    }

    @Operation(summary = "A model's latest version")
    @Get("/{name:.+}")
    @Secured("viewer")
    ModelVersion get(@PathVariable String name) {
        return models.get(name, null);
    }

    @Operation(summary = "A model's versions, newest first")
    @Get("/{name:.+}/versions{?page,size}")
    @Secured("viewer")
    Page<ModelVersion> versions(@PathVariable String name, @Nullable Integer page, @Nullable Integer size) {
        return models.versions(name, PageRequest.of(page, size));
    }

    @Operation(summary = "One model version")
    @Get("/{name:.+}/versions/{version}")
    @Secured("viewer")
    ModelVersion version(@PathVariable String name, @PathVariable int version) {
        return models.get(name, version);
    }
}

package io.parapet.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.registry.Label;
import io.parapet.registry.LabelEvent;
import io.parapet.registry.LabelService;
import io.parapet.server.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Labels: movable pointers with optimistic concurrency through {@code If-Match}/{@code ETag}. */
@Controller("/api/v1/prompts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "labels")
class LabelController {
    private final LabelService labels;

    LabelController(LabelService labels) {
        this.labels = labels;
    }

    @Operation(summary = "The label's current version and revision (sent back as ETag)")
    @Get("/{name:.+}/labels/{label}")
    @Secured("viewer")
    HttpResponse<Label> get(@PathVariable String name, @PathVariable String label) {
        return LabelResponses.current(labels, name, label);
    }

    @Operation(summary = "Point a label at a version; If-Match must carry the current revision (absent = create only)")
    @Put("/{name:.+}/labels/{label}")
    @Secured("editor")
    HttpResponse<Label> set(
            @PathVariable String name,
            @PathVariable String label,
            @Body SetLabelRequest body,
            @Nullable @Header("If-Match") String ifMatch,
            Authentication auth) {
        return LabelResponses.move(labels, name, label, body, ifMatch, auth);
    }

    @Operation(summary = "Delete a label; one that other prompts include needs force=true")
    @Delete("/{name:.+}/labels/{label}{?force}")
    @Secured("editor")
    HttpResponse<Void> delete(
            @PathVariable String name,
            @PathVariable String label,
            @Nullable @QueryValue Boolean force,
            @Nullable @Header("If-Match") String ifMatch,
            Authentication auth) {
        labels.delete(name, label, Responses.revision(ifMatch), Boolean.TRUE.equals(force), Actors.of(auth));
        return HttpResponse.noContent();
    }

    @Operation(summary = "Every move of the label, newest first")
    @Get("/{name:.+}/labels/{label}/history{?page,size}")
    @Secured("viewer")
    Page<LabelEvent> history(
            @PathVariable String name, @PathVariable String label, @Nullable Integer page, @Nullable Integer size) {
        return labels.history(name, label, PageRequest.of(page, size));
    }
}

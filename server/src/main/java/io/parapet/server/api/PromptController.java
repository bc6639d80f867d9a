package io.parapet.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
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
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.registry.CreateVersionRequest;
import io.parapet.registry.PromptDetail;
import io.parapet.registry.PromptDiff;
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptSummary;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.Rendered;
import io.parapet.registry.VersionSummary;
import io.parapet.server.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Prompts and their versions. Names may contain {@code /} (folders), hence the {@code {name:.+}} templates. */
@Controller("/api/v1/prompts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "prompts")
class PromptController {
    private final PromptService prompts;

    PromptController(PromptService prompts) {
        this.prompts = prompts;
    }

    @Operation(
            summary =
                    "Create a version (and the prompt on first use); identical content returns the latest version with 200")
    @Post("/{name:.+}/versions")
    @Secured("editor")
    HttpResponse<PromptVersion> create(
            @PathVariable String name, @Body CreateVersionRequest body, Authentication auth) {
        var saved = prompts.createVersion(name, Responses.required(body), Actors.of(auth));
        return Responses.saved(
                saved, "/api/v1/prompts/" + name + "/versions/" + saved.value().version());
    }

    @Operation(summary = "List prompts: search by name or text, filter by tag and folder, sort, page")
    @Get("{?query,tag,folder,sort,page,size}")
    @Secured("viewer")
    Page<PromptSummary> list(
            @Nullable String query,
            @Nullable String tag,
            @Nullable String folder,
            @Nullable String sort,
            @Nullable Integer page,
            @Nullable Integer size) {
        return prompts.list(query, tag, folder, sort, PageRequest.of(page, size));
    }

    @Operation(summary = "A prompt with its labels and newest versions")
    @Get("/{name:.+}")
    @Secured("viewer")
    PromptDetail get(@PathVariable String name) {
        return prompts.get(name);
    }

    @Operation(summary = "Version summaries, newest first")
    @Get("/{name:.+}/versions{?page,size}")
    @Secured("viewer")
    Page<VersionSummary> versions(@PathVariable String name, @Nullable Integer page, @Nullable Integer size) {
        return prompts.versions(name, PageRequest.of(page, size));
    }

    @Operation(summary = "One version, in full")
    @Get("/{name:.+}/versions/{version}")
    @Secured("viewer")
    PromptVersion version(@PathVariable String name, @PathVariable int version) {
        return prompts.version(name, version);
    }

    @Operation(summary = "The version a label points at (default production), or a version by number")
    @Get("/{name:.+}/resolve{?label,version}")
    @Secured("viewer")
    PromptVersion resolve(
            @PathVariable String name, @Nullable @QueryValue String label, @Nullable @QueryValue Integer version) {
        return prompts.resolve(name, label, version);
    }

    @Operation(summary = "Render a version strictly: missing, unknown or malformed variables are a 400")
    @Post("/{name:.+}/render")
    @Secured("viewer")
    Rendered render(@PathVariable String name, @Body RenderRequest body) {
        RenderRequest r = Responses.required(body);
        return prompts.render(name, r.label(), r.version(), r.variables());
    }

    @Operation(summary = "Unified text diff plus structured changes between two versions")
    @Get("/{name:.+}/diff{?from,to}")
    @Secured("viewer")
    PromptDiff diff(@PathVariable String name, @Nullable Integer from, @Nullable Integer to) {
        if (from == null || to == null) {
            throw ParapetException.invalid("give both from and to version numbers");
        }
        return prompts.diff(name, from, to);
    }
}

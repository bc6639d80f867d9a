package io.parapet.server.guardrails;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.parapet.core.Documents;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.registry.CreateVersionRequest;
import io.parapet.registry.Label;
import io.parapet.registry.LabelEvent;
import io.parapet.registry.LabelService;
import io.parapet.registry.PromptDetail;
import io.parapet.registry.PromptDiff;
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptSummary;
import io.parapet.registry.PromptType;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.VersionSummary;
import io.parapet.server.api.LabelResponses;
import io.parapet.server.api.Responses;
import io.parapet.server.api.SetLabelRequest;
import io.parapet.server.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Guardrail policies, versioned exactly like prompts: the same registry stores them as entries of type
 * {@code policy}, so versions, labels ({@code If-Match}), history, diff, audit and bundles behave the same. Every
 * route checks the entry is a policy, so a prompt's name is a 404 here.
 */
@Controller("/api/v1/guardrails/policies")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "guardrail policies")
class PolicyController {
    private static final String YAML = "application/yaml";

    private final PromptService registry;
    private final LabelService labels;

    PolicyController(PromptService registry, LabelService labels) {
        this.registry = registry;
        this.labels = labels;
    }

    @Operation(summary = "Create a policy version from a JSON or YAML body; identical content returns the latest")
    @Post("/{name:.+}/versions")
    @Consumes({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"})
    @Secured("editor")
    HttpResponse<PromptVersion> create(@PathVariable String name, @Body String body, Authentication auth) {
        if (body == null || body.isBlank()) {
            throw ParapetException.invalid("the body must be a JSON or YAML object with a policy and a commitMessage");
        }
        CreatePolicyVersionRequest r = Documents.read(body, CreatePolicyVersionRequest.class, "policy version");
        var request = new CreateVersionRequest(
                PromptType.POLICY,
                null,
                null,
                null,
                null,
                null,
                r.commitMessage(),
                r.labels(),
                r.description(),
                r.tags(),
                null,
                r.policy());
        var saved = registry.createVersion(name, request, Actors.of(auth));
        return Responses.saved(
                saved,
                "/api/v1/guardrails/policies/" + name + "/versions/"
                        + saved.value().version());
    }

    @Operation(summary = "List policies: search by name or content, filter by tag and folder, sort, page")
    @Get("{?query,tag,folder,sort,page,size}")
    @Secured("viewer")
    Page<PromptSummary> list(
            @Nullable String query,
            @Nullable String tag,
            @Nullable String folder,
            @Nullable String sort,
            @Nullable Integer page,
            @Nullable Integer size) {
        return registry.listPolicies(query, tag, folder, sort, PageRequest.of(page, size));
    }

    @Operation(summary = "A policy with its labels and newest versions")
    @Get("/{name:.+}")
    @Secured("viewer")
    PromptDetail get(@PathVariable String name) {
        PromptDetail detail = registry.get(name);
        requirePolicy(name, detail.type());
        return detail;
    }

    @Operation(summary = "Version summaries, newest first")
    @Get("/{name:.+}/versions{?page,size}")
    @Secured("viewer")
    Page<VersionSummary> versions(@PathVariable String name, @Nullable Integer page, @Nullable Integer size) {
        requirePolicy(name);
        return registry.versions(name, PageRequest.of(page, size));
    }

    @Operation(summary = "One policy version, in full")
    @Get("/{name:.+}/versions/{version}")
    @Secured("viewer")
    PromptVersion version(@PathVariable String name, @PathVariable int version) {
        return checked(registry.version(name, version));
    }

    @Operation(summary = "The version a label points at (default production), or a version by number")
    @Get("/{name:.+}/resolve{?label,version}")
    @Secured("viewer")
    PromptVersion resolve(
            @PathVariable String name, @Nullable @QueryValue String label, @Nullable @QueryValue Integer version) {
        return checked(registry.resolve(name, label, version));
    }

    @Operation(summary = "Unified YAML diff between two versions")
    @Get("/{name:.+}/diff{?from,to}")
    @Secured("viewer")
    PromptDiff diff(@PathVariable String name, @Nullable Integer from, @Nullable Integer to) {
        if (from == null || to == null) {
            throw ParapetException.invalid("give both from and to version numbers");
        }
        requirePolicy(name);
        return registry.diff(name, from, to);
    }

    @Operation(summary = "The label's current version and revision (sent back as ETag)")
    @Get("/{name:.+}/labels/{label}")
    @Secured("viewer")
    HttpResponse<Label> label(@PathVariable String name, @PathVariable String label) {
        requirePolicy(name);
        return LabelResponses.current(labels, name, label);
    }

    @Operation(summary = "Point a label at a version; If-Match must carry the current revision (absent = create only)")
    @Put("/{name:.+}/labels/{label}")
    @Secured("editor")
    HttpResponse<Label> setLabel(
            @PathVariable String name,
            @PathVariable String label,
            @Body SetLabelRequest body,
            @Nullable @Header("If-Match") String ifMatch,
            Authentication auth) {
        requirePolicy(name);
        return LabelResponses.move(labels, name, label, body, ifMatch, auth);
    }

    @Operation(summary = "Delete a label")
    @Delete("/{name:.+}/labels/{label}")
    @Secured("editor")
    HttpResponse<Void> deleteLabel(
            @PathVariable String name,
            @PathVariable String label,
            @Nullable @Header("If-Match") String ifMatch,
            Authentication auth) {
        requirePolicy(name);
        labels.delete(name, label, Responses.revision(ifMatch), false, Actors.of(auth));
        return HttpResponse.noContent();
    }

    @Operation(summary = "Every move of the label, newest first")
    @Get("/{name:.+}/labels/{label}/history{?page,size}")
    @Secured("viewer")
    Page<LabelEvent> history(
            @PathVariable String name, @PathVariable String label, @Nullable Integer page, @Nullable Integer size) {
        requirePolicy(name);
        return labels.history(name, label, PageRequest.of(page, size));
    }

    private void requirePolicy(String name) {
        requirePolicy(name, registry.get(name).type());
    }

    private static void requirePolicy(String name, PromptType type) {
        if (type != PromptType.POLICY) {
            throw ParapetException.notFound("'" + name + "' is a " + type.wire() + " prompt, not a guardrail policy");
        }
    }

    private static PromptVersion checked(PromptVersion version) {
        requirePolicy(version.name(), version.type());
        return version;
    }
}

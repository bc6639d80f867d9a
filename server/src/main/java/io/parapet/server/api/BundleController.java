package io.parapet.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.parapet.core.ParapetException;
import io.parapet.registry.bundle.ApplyResult;
import io.parapet.registry.bundle.BundleFormat;
import io.parapet.registry.bundle.BundleService;
import io.parapet.server.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Prompt-as-code: apply a YAML or JSON bundle (all-or-nothing, with a dry run) and export the same format. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "prompt-as-code")
class BundleController {
    static final String YAML = "application/yaml";

    private final BundleService bundles;

    BundleController(BundleService bundles) {
        this.bundles = bundles;
    }

    @Operation(
            summary =
                    "Apply a bundle of models, prompts and labels; dryRun=true reports the changes without making them")
    @Post("/apply{?dryRun}")
    @Consumes({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Secured("editor")
    ApplyResult apply(@Body String body, @Nullable @QueryValue Boolean dryRun, Authentication auth) {
        if (body == null || body.isBlank()) {
            throw ParapetException.invalid("the body must be a YAML or JSON bundle");
        }
        return bundles.apply(BundleFormat.parse(body), Boolean.TRUE.equals(dryRun), Actors.of(auth));
    }

    @Operation(summary = "Export every model and prompt (labelled and latest versions) as a bundle; format=yaml|json")
    @Get("/export{?format}")
    @Secured("viewer")
    HttpResponse<String> export(@Nullable @QueryValue String format) {
        String wanted = format == null ? "yaml" : format;
        return switch (wanted) {
            case "yaml" -> HttpResponse.ok(BundleFormat.yaml(bundles.export())).contentType(YAML);
            case "json" ->
                HttpResponse.ok(BundleFormat.json(bundles.export())).contentType(MediaType.APPLICATION_JSON_TYPE);
            default -> throw ParapetException.invalidField("format", "must be yaml or json");
        };
    }
}

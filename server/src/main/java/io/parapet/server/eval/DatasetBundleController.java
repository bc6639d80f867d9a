package io.parapet.server.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
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
import io.parapet.eval.dataset.DatasetBundle;
import io.parapet.eval.dataset.DatasetBundles;
import io.parapet.server.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;
import reactor.core.publisher.Flux;

/** Dataset bundles: a dataset's labelled and latest versions as one JSONL file, and applying one back. */
@Controller("/api/v1/datasets")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "datasets")
class DatasetBundleController {
    private final DatasetBundles bundles;

    DatasetBundleController(DatasetBundles bundles) {
        this.bundles = bundles;
    }

    @Operation(
            summary = "Export a dataset as a bundle: a header line (versions, labels), then each version's items as"
                    + " JSONL, streamed")
    @Get("/{name:.+}/bundle")
    @Secured("viewer")
    HttpResponse<Flux<byte[]>> export(@PathVariable String name) {
        return StreamedBodies.download(
                bundles.export(name), "application/x-ndjson", name.replace('/', '_') + ".bundle.jsonl");
    }

    @Operation(
            summary = "Apply a bundle: missing versions are made (identical ones are found), labels move onto them;"
                    + " all or nothing; dryRun=true reports the changes and makes none")
    @Post(value = "/{name:.+}/bundle{?dryRun}", consumes = MediaType.ALL)
    @Secured("editor")
    DatasetBundle.Applied apply(
            @PathVariable String name,
            @Nullable @QueryValue Boolean dryRun,
            @Body InputStream body,
            Authentication auth) {
        return StreamedBodies.read(
                body, reader -> bundles.apply(name, reader, Boolean.TRUE.equals(dryRun), Actors.of(auth)));
    }
}

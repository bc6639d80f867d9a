package io.parapet.server.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
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
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.eval.dataset.DatasetExport;
import io.parapet.eval.dataset.DatasetItem;
import io.parapet.eval.dataset.DatasetLabel;
import io.parapet.eval.dataset.DatasetService;
import io.parapet.eval.dataset.DatasetSummary;
import io.parapet.eval.dataset.DatasetVersion;
import io.parapet.eval.dataset.ImportFormat;
import io.parapet.eval.dataset.ImportResult;
import io.parapet.server.api.Responses;
import io.parapet.server.api.SetLabelRequest;
import io.parapet.server.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;
import reactor.core.publisher.Flux;

/** Evaluation datasets: versions, labels, paged items, streamed import and export. */
@Controller("/api/v1/datasets")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "datasets")
class DatasetController {
    private final DatasetService datasets;
    private final DatasetExport export;
    private final TrafficDatasets traffic;

    DatasetController(DatasetService datasets, DatasetExport export, TrafficDatasets traffic) {
        this.datasets = datasets;
        this.export = export;
        this.traffic = traffic;
    }

    @Operation(
            summary = "Create a version from live traffic: completions of a prompt over a time range (read from"
                    + " Kafka), joined with feedback, filtered by version, feedback score and outcome")
    @Post("/{name:.+}/from-traffic")
    @Secured("editor")
    MutableHttpResponse<ImportResult> fromTraffic(
            @PathVariable String name, @Body TrafficQuery body, Authentication auth) {
        return created(name, traffic.build(name, Responses.required(body), Actors.of(auth)));
    }

    @Operation(summary = "Create a version from inline items; identical items return the existing version with 200")
    @Post("/{name:.+}/versions")
    @Secured("editor")
    MutableHttpResponse<ImportResult> create(
            @PathVariable String name, @Body CreateDatasetRequest body, Authentication auth) {
        CreateDatasetRequest r = Responses.required(body);
        ImportResult result = datasets.create(
                name,
                r.items(),
                new DatasetService.ImportOptions(false, r.commitMessage(), r.description()),
                Actors.of(auth));
        return created(name, result);
    }

    @Operation(
            summary = "Import items streamed from the body (jsonl, csv or json, up to 100 MB); invalid rows are"
                    + " reported by line and nothing is stored unless skipInvalid=true")
    @Post(value = "/{name:.+}/import{?format,skipInvalid,commitMessage,description}", consumes = MediaType.ALL)
    @Secured("editor")
    MutableHttpResponse<ImportResult> importItems(
            @PathVariable String name,
            @Nullable @QueryValue String format,
            @Nullable @QueryValue Boolean skipInvalid,
            @Nullable @QueryValue String commitMessage,
            @Nullable @QueryValue String description,
            @Body InputStream body,
            Authentication auth) {
        var options = new DatasetService.ImportOptions(Boolean.TRUE.equals(skipInvalid), commitMessage, description);
        ImportResult result = StreamedBodies.read(
                body,
                reader -> datasets.importItems(name, ImportFormat.parse(format), reader, options, Actors.of(auth)));
        return created(name, result);
    }

    @Operation(summary = "List datasets, optionally those whose name contains query")
    @Get("{?query,page,size}")
    @Secured("viewer")
    Page<DatasetSummary> list(@Nullable String query, @Nullable Integer page, @Nullable Integer size) {
        return datasets.list(query, PageRequest.of(page, size));
    }

    @Operation(summary = "A dataset with its newest version and labels")
    @Get("/{name:.+}")
    @Secured("viewer")
    DatasetSummary get(@PathVariable String name) {
        return datasets.get(name);
    }

    @Operation(summary = "Versions, newest first")
    @Get("/{name:.+}/versions{?page,size}")
    @Secured("viewer")
    Page<DatasetVersion> versions(@PathVariable String name, @Nullable Integer page, @Nullable Integer size) {
        return datasets.versions(name, PageRequest.of(page, size));
    }

    @Operation(summary = "One version by number, label or latest")
    @Get("/{name:.+}/versions/{ref}")
    @Secured("viewer")
    DatasetVersion version(@PathVariable String name, @PathVariable String ref) {
        return datasets.resolve(name, ref);
    }

    @Operation(summary = "Items of a version (default latest), paged")
    @Get("/{name:.+}/items{?version,page,size}")
    @Secured("viewer")
    Page<DatasetItem> items(
            @PathVariable String name, @Nullable String version, @Nullable Integer page, @Nullable Integer size) {
        return datasets.items(name, version, PageRequest.of(page, size));
    }

    @Operation(summary = "Export a version (default latest) as jsonl, csv or json, streamed")
    @Get("/{name:.+}/export{?version,format}")
    @Secured("viewer")
    HttpResponse<Flux<byte[]>> export(@PathVariable String name, @Nullable String version, @Nullable String format) {
        ImportFormat f = ImportFormat.parse(format);
        DatasetService.Opened opened = datasets.open(name, version);
        return StreamedBodies.download(
                export.chunks(opened, f),
                f.mediaType(),
                name.replace('/', '_') + "-v" + opened.version().version() + "."
                        + f.name().toLowerCase());
    }

    @Operation(summary = "Point a label at a version; If-Match must carry the current revision (absent = create only)")
    @Put("/{name:.+}/labels/{label}")
    @Secured("editor")
    DatasetLabel setLabel(
            @PathVariable String name,
            @PathVariable String label,
            @Body SetLabelRequest body,
            @Nullable @Header("If-Match") String ifMatch,
            Authentication auth) {
        SetLabelRequest r = Responses.required(body);
        if (r.version() == null) {
            throw ParapetException.invalidField("version", "is required");
        }
        return datasets.setLabel(name, label, r.version(), Responses.revision(ifMatch), Actors.of(auth));
    }

    private static MutableHttpResponse<ImportResult> created(String name, ImportResult result) {
        return result.created()
                ? HttpResponse.created(result)
                        .header(
                                "Location",
                                "/api/v1/datasets/" + name + "/versions/"
                                        + result.version().version())
                : HttpResponse.ok(result);
    }
}

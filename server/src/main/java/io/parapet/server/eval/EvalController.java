package io.parapet.server.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
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
import io.parapet.core.ParapetException;
import io.parapet.eval.run.EvalRun;
import io.parapet.eval.run.ItemResult;
import io.parapet.eval.run.RenderCheck;
import io.parapet.eval.run.RunComparer;
import io.parapet.eval.run.RunComparison;
import io.parapet.eval.run.RunService;
import io.parapet.eval.run.RunSpec;
import io.parapet.server.api.Responses;
import io.parapet.server.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Evaluation runs and their comparison. */
@Controller("/api/v1/eval")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "evaluation")
class EvalController {
    private final RunService runs;
    private final RunComparer comparer;
    private final RenderCheck renderCheck;

    EvalController(RunService runs, RunComparer comparer, RenderCheck renderCheck) {
        this.runs = runs;
        this.comparer = comparer;
        this.renderCheck = renderCheck;
    }

    @Operation(summary = "Which items of a dataset cannot render against a prompt version, and why (before a run)")
    @Get("/render-check{?prompt,dataset}")
    @Secured("viewer")
    RenderCheck.Report renderCheck(@Nullable String prompt, @Nullable String dataset) {
        return renderCheck.check(prompt, dataset);
    }

    @Operation(summary = "Start a run: a prompt version x a dataset version x evaluators; 202 with its progress")
    @Post("/runs")
    @Secured("editor")
    MutableHttpResponse<EvalRun> create(@Body RunSpec body, Authentication auth) {
        EvalRun run = runs.create(Responses.required(body), Actors.of(auth));
        return HttpResponse.accepted().body(run).header("Location", "/api/v1/eval/runs/" + run.id());
    }

    @Operation(summary = "Runs, newest first, optionally of one prompt")
    @Get("/runs{?prompt,page,size}")
    @Secured("viewer")
    Page<EvalRun> list(@Nullable String prompt, @Nullable Integer page, @Nullable Integer size) {
        return runs.list(prompt, PageRequest.of(page, size));
    }

    @Operation(summary = "A run with its progress (done, total, rate, ETA) and, once finished, its aggregates")
    @Get("/runs/{id}")
    @Secured("viewer")
    EvalRun get(@PathVariable long id) {
        return runs.get(id);
    }

    @Operation(summary = "A run's results in item order; filter is all, passed, failed or errored")
    @Get("/runs/{id}/items{?filter,page,size}")
    @Secured("viewer")
    Page<ItemResult> items(
            @PathVariable long id, @Nullable String filter, @Nullable Integer page, @Nullable Integer size) {
        return runs.results(id, filter, PageRequest.of(page, size));
    }

    @Operation(summary = "Cancel a queued or running run")
    @Post("/runs/{id}/cancel")
    @Secured("editor")
    EvalRun cancel(@PathVariable long id, Authentication auth) {
        return runs.cancel(id, Actors.of(auth));
    }

    @Operation(summary = "Compare a candidate run with a baseline run on the same dataset version")
    @Get("/compare{?baseline,candidate}")
    @Secured("viewer")
    RunComparison compare(@Nullable Long baseline, @Nullable Long candidate) {
        if (baseline == null || candidate == null) {
            throw ParapetException.invalid("give both baseline and candidate run ids");
        }
        return comparer.compare(baseline, candidate);
    }
}

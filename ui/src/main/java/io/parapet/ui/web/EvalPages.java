package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
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
import io.micronaut.views.ModelAndView;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.eval.dataset.DatasetService;
import io.parapet.eval.run.EvalRun;
import io.parapet.eval.run.RunComparer;
import io.parapet.eval.run.RunService;
import io.parapet.eval.run.RunSpec;
import io.parapet.eval.schedule.ScheduleService;
import java.util.List;
import java.util.Map;

/** Evaluation in the UI: start runs and watch them, read a run's results, compare two runs. */
@Controller("/ui/eval")
@Secured("viewer")
@ExecuteOn(TaskExecutors.BLOCKING)
class EvalPages {
    private final RunService runs;
    private final RunComparer comparer;
    private final DatasetService datasets;
    private final ScheduleService schedules;

    EvalPages(RunService runs, RunComparer comparer, DatasetService datasets, ScheduleService schedules) {
        this.runs = runs;
        this.comparer = comparer;
        this.datasets = datasets;
        this.schedules = schedules;
    }

    @Get
    ModelAndView<Map<String, Object>> page(Authentication auth) {
        return Pages.view("eval", UiContext.of(auth, "eval"), model(EvalPage.Form.EMPTY, null));
    }

    @Post(value = "/runs", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured("editor")
    HttpResponse<?> start(HttpRequest<?> request, Authentication auth, @Body Map<String, String> form) {
        UiContext ui = UiContext.of(auth, "eval");
        var kept = new EvalPage.Form(
                form.getOrDefault("prompt", ""),
                form.getOrDefault("dataset", ""),
                form.getOrDefault("evaluators", ""),
                form.getOrDefault("concurrency", "8"));
        try {
            List<RunSpec.EvaluatorSpec> evaluators = EvalForms.evaluators(kept.evaluators());
            int concurrency = EvalForms.number(kept.concurrency(), "concurrency");
            EvalRun run = runs.create(
                    new RunSpec(
                            kept.prompt().trim(), kept.dataset().trim(), evaluators, null, 1, concurrency, null, null),
                    ui.actor());
            return Pages.redirect(request, "/ui/eval/runs/" + run.id());
        } catch (ParapetException e) {
            return Pages.view(EvalForms.status(e), "eval", ui, model(kept, EvalForms.why(e)));
        }
    }

    @Get("/runs/{id}{?filter}")
    ModelAndView<Map<String, Object>> run(
            Authentication auth, @PathVariable long id, @QueryValue @Nullable String filter) {
        String f = filter == null ? "all" : filter;
        EvalRun run = runs.get(id);
        return Pages.view(
                "eval-run",
                UiContext.of(auth, "eval"),
                new EvalRunPage(run, runs.results(id, f, new PageRequest(0, 200)), f, comparable(run), null, null));
    }

    @Get("/compare{?baseline,candidate}")
    ModelAndView<Map<String, Object>> compare(
            Authentication auth, @QueryValue @Nullable Long baseline, @QueryValue @Nullable Long candidate) {
        if (baseline == null || candidate == null) {
            throw ParapetException.invalid("pick a baseline and a candidate run");
        }
        EvalRun run = runs.get(candidate);
        return Pages.view(
                "eval-compare",
                UiContext.of(auth, "eval"),
                new EvalRunPage(
                        run,
                        runs.results(candidate, "all", new PageRequest(0, 1)),
                        "all",
                        comparable(run),
                        runs.get(baseline),
                        comparer.compare(baseline, candidate)));
    }

    /** Finished runs of the same dataset version, newest first, other than {@code run}. */
    private List<EvalRun> comparable(EvalRun run) {
        return runs.list(null, new PageRequest(0, 100)).items().stream()
                .filter(r -> r.id() != run.id()
                        && r.dataset().equals(run.dataset())
                        && r.datasetVersion() == run.datasetVersion()
                        && !EvalPage.open(r))
                .toList();
    }

    private EvalPage model(EvalPage.Form form, String notice) {
        return new EvalPage(
                runs.list(null, new PageRequest(0, 50)),
                datasets.list(null, new PageRequest(0, 50)),
                schedules.list(),
                form,
                notice);
    }
}

package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.core.Page;
import io.parapet.eval.dataset.DatasetSummary;
import io.parapet.eval.run.EvalRun;
import io.parapet.eval.schedule.Schedule;
import java.util.List;

/** The evaluation page: runs with live progress, the form that starts one, datasets and schedules. */
public record EvalPage(
        Page<EvalRun> runs,
        Page<DatasetSummary> datasets,
        List<Schedule> schedules,
        Form form,
        @Nullable String notice) {

    /** What the start form holds (kept on an error so nothing typed is lost). */
    public record Form(String prompt, String dataset, String evaluators, String concurrency) {
        static final Form EMPTY = new Form("", "", "[{\"name\": \"length\", \"config\": {\"min\": 1}}]", "8");
    }

    public static boolean open(EvalRun run) {
        return run.status().equals("queued") || run.status().equals("running");
    }

    public static String percent(double rate) {
        return String.format("%.1f %%", rate * 100);
    }
}

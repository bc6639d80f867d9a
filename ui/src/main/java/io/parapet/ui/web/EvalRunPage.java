package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.core.Page;
import io.parapet.eval.run.EvalRun;
import io.parapet.eval.run.ItemResult;
import io.parapet.eval.run.RunComparison;
import java.util.List;

/**
 * One run: progress while it goes, aggregates once finished, its results filtered by outcome, and the runs on the
 * same dataset it can be compared with. On the comparison page, {@code comparison} and {@code baseline} are set.
 */
public record EvalRunPage(
        EvalRun run,
        Page<ItemResult> results,
        String filter,
        List<EvalRun> comparable,
        @Nullable EvalRun baseline,
        @Nullable RunComparison comparison) {}

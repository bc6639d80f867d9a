package io.parapet.eval.run;

/**
 * Published in this process when a run has finished and its result is stored (and queued for
 * {@code parapet.eval.results}); schedules listen to raise alerts.
 */
public record RunFinished(EvalRun run) {}

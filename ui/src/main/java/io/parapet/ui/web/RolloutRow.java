package io.parapet.ui.web;

import io.parapet.deployer.rollout.Rollout;
import io.parapet.deployer.rollout.RolloutState;
import io.parapet.streaming.alerts.MonitorAlert;
import io.parapet.streaming.alerts.SubjectFigures;
import java.util.List;

/**
 * A rollout on the Deployments page: its canary's live figures beside its stable version's, both since the rollout
 * started, and the unresolved alerts on the canary that its analysis would act on.
 */
public record RolloutRow(Rollout rollout, SubjectFigures canary, SubjectFigures stable, List<MonitorAlert> alerts) {
    public boolean running() {
        return RolloutState.of(rollout.state()).running();
    }

    /** A rate as the page prints it. */
    public static String percent(double rate) {
        return String.format("%.1f %%", rate * 100);
    }
}

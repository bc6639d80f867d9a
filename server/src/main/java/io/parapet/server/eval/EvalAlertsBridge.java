package io.parapet.server.eval;

import io.parapet.eval.spi.EvalAlerts;
import io.parapet.streaming.alerts.Alerts;
import io.parapet.streaming.monitor.Alert;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Scheduled evaluations' alerts go to the monitors' alert store: the same API, UI and webhooks. */
@Singleton
class EvalAlertsBridge implements EvalAlerts {
    private final Alerts alerts;

    EvalAlertsBridge(Alerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public void raise(
            String id,
            String monitor,
            String subject,
            Instant from,
            Instant to,
            double value,
            double threshold,
            long samples,
            String message) {
        alerts.raise(new Alert(id, monitor, subject, "run", from, to, value, threshold, samples, message));
    }
}

package io.parapet.eval.run;

import java.util.Locale;

/** Where a run is. The last four are final; a run ends {@code completed_with_errors} when some items errored. */
public enum RunStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    COMPLETED_WITH_ERRORS,
    CANCELLED,
    STOPPED_AT_BUDGET;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }
}

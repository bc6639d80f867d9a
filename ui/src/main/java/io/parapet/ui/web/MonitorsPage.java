package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.core.Json;
import io.parapet.core.Page;
import io.parapet.streaming.alerts.MonitorAlert;
import java.util.List;

/**
 * The monitoring page: alerts (filtered by prompt and state) and, for one prompt, its per-window figures, which
 * monitors.js draws with Chart.js from {@link #seriesJson()}.
 */
public record MonitorsPage(
        @Nullable String prompt,
        String state,
        String window,
        List<String> windows,
        Page<MonitorAlert> alerts,
        List<Object> series,
        @Nullable String notice) {

    /** The figures as JSON for a data attribute (the template escapes it; the browser unescapes it). */
    public String seriesJson() {
        return Json.write(series);
    }

    public String link(String newState) {
        return "/ui/monitors?state=" + Pages.q(newState) + (prompt == null ? "" : "&prompt=" + Pages.q(prompt))
                + "&window=" + Pages.q(window);
    }
}

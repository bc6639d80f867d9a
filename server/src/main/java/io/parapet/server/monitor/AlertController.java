package io.parapet.server.monitor;

import io.micronaut.core.annotation.Nullable;
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
import io.parapet.server.security.Actors;
import io.parapet.streaming.alerts.Alerts;
import io.parapet.streaming.alerts.MonitorAlert;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** The monitors' alerts and per-window figures. Reading takes a viewer; acknowledging and resolving an editor. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("viewer")
@Tag(name = "monitors")
class AlertController {
    private final Alerts alerts;

    AlertController(Alerts alerts) {
        this.alerts = alerts;
    }

    @Operation(summary = "Alerts, newest first, filtered by prompt, monitor and state (open, acknowledged, resolved)")
    @Get("/alerts{?prompt,monitor,state,page,size}")
    Page<MonitorAlert> list(
            @Nullable String prompt,
            @Nullable String monitor,
            @Nullable String state,
            @Nullable Integer page,
            @Nullable Integer size) {
        return alerts.list(prompt, monitor, state, PageRequest.of(page, size));
    }

    @Operation(summary = "One alert with its evidence: window, value, threshold, samples")
    @Get("/alerts/{id}")
    MonitorAlert get(@PathVariable long id) {
        return alerts.get(id);
    }

    @Operation(summary = "Acknowledge an open alert")
    @Post("/alerts/{id}/acknowledge")
    @Secured("editor")
    MonitorAlert acknowledge(@PathVariable long id, Authentication auth) {
        return alerts.acknowledge(id, Actors.of(auth));
    }

    @Operation(summary = "Resolve an open or acknowledged alert")
    @Post("/alerts/{id}/resolve")
    @Secured("editor")
    MonitorAlert resolve(@PathVariable long id, Authentication auth) {
        return alerts.resolve(id, Actors.of(auth));
    }

    @Operation(
            summary =
                    "Per-window figures of every version of a prompt (toxicity, block and error rates, latency"
                            + " percentiles, tokens), oldest first; window is one of the monitored sizes (1m, 5m, 1h by default)")
    @Get("/monitors/{prompt:.+}/metrics{?window}")
    List<Object> metrics(@PathVariable String prompt, @Nullable String window) {
        return alerts.metrics(prompt, window);
    }
}

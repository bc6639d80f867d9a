package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.streaming.alerts.Alerts;
import io.parapet.streaming.monitor.MonitorSettings;
import java.util.List;
import java.util.Map;

/** Alerts and the figures behind them; editors acknowledge and resolve alerts here. */
@Controller("/ui/monitors")
@Secured("viewer")
@ExecuteOn(TaskExecutors.BLOCKING)
class MonitorPages {
    private final Alerts alerts;
    private final List<String> windows;

    MonitorPages(Alerts alerts, MonitorSettings settings) {
        this.alerts = alerts;
        this.windows = settings.windows().stream().map(MonitorSettings::label).toList();
    }

    @Get
    ModelAndView<Map<String, Object>> page(
            Authentication auth,
            @QueryValue @Nullable String prompt,
            @QueryValue @Nullable String state,
            @QueryValue @Nullable String window) {
        return Pages.view("monitors", UiContext.of(auth, "monitors"), model(prompt, state, window, null));
    }

    @Post(value = "/alerts", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured("editor")
    HttpResponse<?> act(Authentication auth, @Body Map<String, String> form) {
        UiContext ui = UiContext.of(auth, "monitors");
        String prompt = form.get("prompt");
        String notice;
        HttpStatus status = HttpStatus.OK;
        try {
            long id = Long.parseLong(form.getOrDefault("id", ""));
            if ("resolve".equals(form.get("action"))) {
                alerts.resolve(id, ui.actor());
                notice = "Alert " + id + " resolved.";
            } else {
                alerts.acknowledge(id, ui.actor());
                notice = "Alert " + id + " acknowledged.";
            }
        } catch (NumberFormatException e) {
            status = HttpStatus.BAD_REQUEST;
            notice = "No such alert.";
        } catch (ParapetException e) {
            status = HttpStatus.valueOf(e.problem().status());
            notice = e.getMessage();
        }
        return Pages.view(status, "monitors", ui, model(prompt, form.get("state"), form.get("window"), notice));
    }

    private MonitorsPage model(String prompt, String state, String window, String notice) {
        String p = prompt == null || prompt.isBlank() ? null : prompt.trim();
        String s = state == null ? "open" : state;
        String w = window == null || !windows.contains(window) ? windows.get(0) : window;
        var found = alerts.list(p, null, s.equals("all") ? null : s, new PageRequest(0, 100));
        List<Object> series = p == null ? List.of() : alerts.metrics(p, w);
        return new MonitorsPage(p, s, w, windows, found, series, notice);
    }
}

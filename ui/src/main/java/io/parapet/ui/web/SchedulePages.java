package io.parapet.ui.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.parapet.core.ParapetException;
import io.parapet.eval.schedule.ScheduleService;
import io.parapet.eval.schedule.ScheduleSpec;
import java.util.Map;

/** Scheduled evaluations in the UI: their ticks, and a form that creates, changes or removes one. */
@Controller("/ui/eval/schedules")
@Secured("viewer")
@ExecuteOn(TaskExecutors.BLOCKING)
class SchedulePages {
    private final ScheduleService schedules;

    SchedulePages(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @Get
    ModelAndView<Map<String, Object>> page(Authentication auth) {
        return Pages.view(
                "eval-schedules",
                UiContext.of(auth, "eval"),
                new SchedulesPage(schedules.list(), SchedulesPage.Form.EMPTY, null));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured("editor")
    HttpResponse<?> save(HttpRequest<?> request, Authentication auth, @Body Map<String, String> form) {
        UiContext ui = UiContext.of(auth, "eval");
        var kept = SchedulesPage.Form.of(form);
        try {
            double minPassRate;
            try {
                minPassRate = Double.parseDouble(kept.minPassRate().trim());
            } catch (NumberFormatException e) {
                throw ParapetException.invalidField("minPassRate", "must be a number from 0 to 1");
            }
            schedules.put(
                    kept.name().trim(),
                    new ScheduleSpec(
                            kept.prompt().trim(),
                            kept.dataset().trim(),
                            EvalForms.evaluators(kept.evaluators()),
                            kept.cron().trim(),
                            minPassRate,
                            kept.catchUp(),
                            EvalForms.number(kept.concurrency(), "concurrency"),
                            kept.enabled()),
                    ui.actor());
            return Pages.redirect(request, "/ui/eval/schedules");
        } catch (ParapetException e) {
            return Pages.view(
                    EvalForms.status(e),
                    "eval-schedules",
                    ui,
                    new SchedulesPage(schedules.list(), kept, EvalForms.why(e)));
        }
    }

    @Post(value = "/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured("editor")
    HttpResponse<?> delete(HttpRequest<?> request, Authentication auth, @Body Map<String, String> form) {
        schedules.delete(
                form.getOrDefault("name", ""), UiContext.of(auth, "eval").actor());
        return Pages.redirect(request, "/ui/eval/schedules");
    }
}

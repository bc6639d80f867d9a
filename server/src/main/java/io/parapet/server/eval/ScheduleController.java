package io.parapet.server.eval;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.parapet.eval.schedule.Schedule;
import io.parapet.eval.schedule.ScheduleService;
import io.parapet.eval.schedule.ScheduleSpec;
import io.parapet.server.api.Responses;
import io.parapet.server.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Scheduled evaluation jobs. */
@Controller("/api/v1/eval/schedules")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "evaluation")
class ScheduleController {
    private final ScheduleService schedules;

    ScheduleController(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @Operation(summary = "Schedules with their next tick and latest ticks")
    @Get
    @Secured("viewer")
    List<Schedule> list() {
        return schedules.list();
    }

    @Operation(summary = "One schedule")
    @Get("/{name:.+}")
    @Secured("viewer")
    Schedule get(@PathVariable String name) {
        return schedules.get(name);
    }

    @Operation(summary = "Create or replace a schedule: cron (five fields, UTC) x prompt label x dataset x evaluators")
    @Put("/{name:.+}")
    @Secured("editor")
    Schedule put(@PathVariable String name, @Body ScheduleSpec body, Authentication auth) {
        return schedules.put(name, Responses.required(body), Actors.of(auth));
    }

    @Operation(summary = "Remove a schedule (its runs stay)")
    @Delete("/{name:.+}")
    @Secured("editor")
    HttpResponse<Void> delete(@PathVariable String name, Authentication auth) {
        schedules.delete(name, Actors.of(auth));
        return HttpResponse.noContent();
    }
}

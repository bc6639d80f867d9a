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
import io.parapet.eval.online.OnlineRule;
import io.parapet.eval.online.OnlineRuleService;
import io.parapet.server.api.Responses;
import io.parapet.server.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Online evaluation rules: evaluators applied to sampled live completions. */
@Controller("/api/v1/eval/online-rules")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "evaluation")
class OnlineRuleController {
    private final OnlineRuleService rules;

    OnlineRuleController(OnlineRuleService rules) {
        this.rules = rules;
    }

    @Operation(summary = "Online evaluation rules")
    @Get
    @Secured("viewer")
    List<OnlineRule> list() {
        return rules.list();
    }

    @Operation(summary = "One online rule")
    @Get("/{name:.+}")
    @Secured("viewer")
    OnlineRule get(@PathVariable String name) {
        return rules.get(name);
    }

    @Operation(
            summary = "Create or replace an online rule: an evaluator that needs no expected answer, on the sampled"
                    + " live completions of the prompts a pattern matches (llm-judge at most perMinute a minute)")
    @Put("/{name:.+}")
    @Secured("editor")
    OnlineRule put(@PathVariable String name, @Body OnlineRule.Spec body, Authentication auth) {
        return rules.put(name, Responses.required(body), Actors.of(auth));
    }

    @Operation(summary = "Remove an online rule")
    @Delete("/{name:.+}")
    @Secured("editor")
    HttpResponse<Void> delete(@PathVariable String name, Authentication auth) {
        rules.delete(name, Actors.of(auth));
        return HttpResponse.noContent();
    }
}

package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
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
import io.parapet.guardrails.Direction;
import io.parapet.guardrails.Verdict;
import io.parapet.registry.ModelService;
import io.parapet.registry.PromptService;
import io.parapet.ui.spi.GuardrailTrial;
import java.util.Map;

/** The model catalog and the guardrail policies, with a box to try a policy on any text. */
@Controller("/ui")
@Secured("viewer")
@ExecuteOn(TaskExecutors.BLOCKING)
class CatalogPages {
    private final ModelService models;
    private final PromptService prompts;
    private final GuardrailTrial guardrails;

    CatalogPages(ModelService models, PromptService prompts, GuardrailTrial guardrails) {
        this.models = models;
        this.prompts = prompts;
        this.guardrails = guardrails;
    }

    @Get("/models")
    ModelAndView<Map<String, Object>> models(Authentication auth) {
        return Pages.view("models", UiContext.of(auth, "models"), new ModelsPage(models.list()));
    }

    @Get("/policies")
    ModelAndView<Map<String, Object>> policies(Authentication auth, @QueryValue @Nullable Integer page) {
        var found = prompts.listPolicies(null, null, null, "name", new PageRequest(page == null ? 0 : page, 100));
        return Pages.view("policies", UiContext.of(auth, "policies"), new PoliciesPage(found));
    }

    @Post(value = "/policies/try", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    ModelAndView<Map<String, Object>> tryPolicy(Authentication auth, @Body Map<String, String> form) {
        String policy = form.getOrDefault("policy", "default").trim();
        String direction = form.getOrDefault("direction", "input");
        String text = form.getOrDefault("text", "");
        try {
            Direction d = "output".equals(direction) ? Direction.OUTPUT : Direction.INPUT;
            Verdict verdict = guardrails.scan(policy.isEmpty() ? "default" : policy, d, text);
            var findings = verdict.outcomes().stream()
                    .flatMap(o -> o.findings().stream())
                    .toList();
            return Pages.view(
                    "parts/trial",
                    UiContext.of(auth, "policies"),
                    new TrialPage(policy, direction, text, verdict, Highlights.of(text, findings), null));
        } catch (ParapetException e) {
            return Pages.view(
                    "parts/trial",
                    UiContext.of(auth, "policies"),
                    new TrialPage(policy, direction, text, null, java.util.List.of(), e.getMessage()));
        }
    }
}

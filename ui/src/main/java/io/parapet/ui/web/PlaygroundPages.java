package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.parapet.core.Json;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.registry.PromptDetail;
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptSummary;
import io.parapet.registry.ResolvedPrompt;
import io.parapet.ui.spi.Playground;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;

/**
 * Runs prompt versions through the gateway (model and guardrails) and streams the answer to the page: tokens as
 * {@code token} events, then the outcome as a {@code result} event holding server-rendered (escaped) HTML.
 * Running costs model calls, so it takes the editor role.
 */
@Controller("/ui/playground")
@Secured("viewer")
@ExecuteOn(TaskExecutors.BLOCKING)
class PlaygroundPages {
    private final PromptService prompts;
    private final Playground playground;
    private final Fragments fragments;

    PlaygroundPages(PromptService prompts, Playground playground, Fragments fragments) {
        this.prompts = prompts;
        this.playground = playground;
        this.fragments = fragments;
    }

    @Get
    ModelAndView<Map<String, Object>> page(
            Authentication auth,
            @QueryValue @Nullable String prompt,
            @QueryValue @Nullable String label,
            @QueryValue @Nullable Integer version) {
        List<String> names =
                prompts.list(null, null, null, "name", new PageRequest(0, PageRequest.MAX_SIZE)).items().stream()
                        .map(PromptSummary::name)
                        .toList();
        UiContext ui = UiContext.of(auth, "playground");
        if (prompt == null || prompt.isBlank()) {
            return Pages.view(
                    "playground", ui, new PlaygroundPage(null, names, List.of(), List.of(), "", "", List.of(), null));
        }
        try {
            PromptDetail detail = prompts.get(prompt);
            String ref = version != null ? "version:" + version : label != null ? "label:" + label : defaultRef(detail);
            Ref a = Ref.parse(ref);
            ResolvedPrompt resolved = prompts.compile(prompt, a.label(), a.version());
            String refB = detail.latestVersion() > 1 ? "version:" + (detail.latestVersion() - 1) : ref;
            return Pages.view(
                    "playground",
                    ui,
                    new PlaygroundPage(
                            prompt, names, detail.labels(), detail.versions(), ref, refB, resolved.variables(), null));
        } catch (ParapetException e) {
            return Pages.view(
                    "playground",
                    ui,
                    new PlaygroundPage(prompt, names, List.of(), List.of(), "", "", List.of(), e.getMessage()));
        }
    }

    @Post(value = "/run", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_EVENT_STREAM)
    @Secured("editor")
    Flux<Event<String>> run(Authentication auth, @Body Map<String, String> form) {
        Ref ref = Ref.parse(form.getOrDefault("ref", ""));
        Map<String, Object> variables = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("var.") && !v.isEmpty()) {
                variables.put(k.substring(4), v);
            }
        });
        String message = form.getOrDefault("message", "");
        Playground.Run run = new Playground.Run(
                form.getOrDefault("prompt", ""),
                ref.label(),
                ref.version(),
                variables,
                message.isBlank() ? null : message);
        return playground.run(run, UiContext.of(auth, "playground").actor()).map(this::event);
    }

    private Event<String> event(Playground.Event e) {
        return switch (e) {
            case Playground.Token t ->
                Event.of(Json.write(Map.of("t", t.text()))).name("token");
            case Playground.Finished f ->
                Event.of(Json.write(Map.of("html", fragments.render("parts/outcome", Map.of("outcome", f.outcome())))))
                        .name("result");
        };
    }

    private static String defaultRef(PromptDetail detail) {
        return detail.labels().stream().anyMatch(l -> l.name().equals("production"))
                ? "label:production"
                : "version:" + detail.latestVersion();
    }

    /** A picker value: {@code label:NAME} or {@code version:N}. */
    record Ref(@Nullable String label, @Nullable Integer version) {
        static Ref parse(String value) {
            if (value.startsWith("label:")) {
                return new Ref(value.substring(6), null);
            }
            if (value.startsWith("version:")) {
                try {
                    return new Ref(null, Integer.parseInt(value.substring(8)));
                } catch (NumberFormatException e) {
                    throw ParapetException.invalidField("ref", "version must be a number");
                }
            }
            throw ParapetException.invalidField("ref", "pick a label or a version");
        }
    }
}

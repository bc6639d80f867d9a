package io.parapet.server.monitor;

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
import io.parapet.registry.ModelService;
import io.parapet.registry.PromptService;
import io.parapet.server.security.Actors;
import io.parapet.streaming.alerts.MonitorSettingsService;
import io.parapet.streaming.alerts.PromptMonitorSettings;
import io.parapet.streaming.monitor.MonitorOverrides;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A prompt's own monitor thresholds ({@code model:<name>} for catalog-model traffic). Reading takes a viewer,
 * changing an editor; the prompt or model must exist, so a typo is a 404 rather than settings nobody uses.
 */
@Controller("/api/v1/monitors")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("viewer")
@Tag(name = "monitors")
class MonitorSettingsController {
    private final MonitorSettingsService settings;
    private final PromptService prompts;
    private final ModelService models;

    MonitorSettingsController(MonitorSettingsService settings, PromptService prompts, ModelService models) {
        this.settings = settings;
        this.prompts = prompts;
        this.models = models;
    }

    @Operation(summary = "A prompt's monitor thresholds: its own overrides and the effective values")
    @Get("/{subject:.+}/settings")
    PromptMonitorSettings get(@PathVariable String subject) {
        checkExists(subject);
        return settings.get(subject);
    }

    @Operation(
            summary =
                    "Set a prompt's own thresholds (toxicRate, toxicInputRate, blockRate, errorRate, latencyP95Ms, minSamples,"
                            + " drift); null keeps the server default; applies from the next window that closes")
    @Put("/{subject:.+}/settings")
    @Secured("editor")
    PromptMonitorSettings put(@PathVariable String subject, @Body MonitorOverrides body, Authentication auth) {
        checkExists(subject);
        return settings.put(subject, body, Actors.of(auth));
    }

    @Operation(summary = "Back to the server's default thresholds")
    @Delete("/{subject:.+}/settings")
    @Secured("editor")
    PromptMonitorSettings reset(@PathVariable String subject, Authentication auth) {
        checkExists(subject);
        return settings.reset(subject, Actors.of(auth));
    }

    private void checkExists(String subject) {
        if (subject.startsWith("model:")) {
            models.get(subject.substring("model:".length()), null);
        } else {
            prompts.get(subject);
        }
    }
}

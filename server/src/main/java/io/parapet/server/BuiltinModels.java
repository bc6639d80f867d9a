package io.parapet.server;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.parapet.core.Actor;
import io.parapet.core.ParapetException;
import io.parapet.registry.CreateModelVersionRequest;
import io.parapet.registry.ModelService;
import io.parapet.registry.Provider;
import jakarta.inject.Singleton;

/** Seeds the catalog with the {@code echo} development model, so a fresh install works end to end offline. */
@Singleton
@Requires(notEnv = "edge")
class BuiltinModels implements ApplicationEventListener<StartupEvent> {
    private final ModelService models;

    BuiltinModels(ModelService models) {
        this.models = models;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            models.get("echo", null);
        } catch (ParapetException notFound) {
            models.createVersion(
                    "echo",
                    new CreateModelVersionRequest(
                            Provider.ECHO,
                            "echo",
                            null,
                            null,
                            null,
                            "built-in development provider: answers from the prompt, no network"),
                    Actor.SYSTEM);
        }
    }
}

package io.parapet.deployer.deployment;

import io.parapet.core.ParapetException;
import io.parapet.deployer.manifests.ModelServer;
import io.parapet.deployer.manifests.ModelServerKind;
import io.parapet.deployer.rollout.Rollouts;
import io.parapet.registry.CreateModelVersionRequest;
import io.parapet.registry.ModelService;
import io.parapet.registry.Provider;
import jakarta.inject.Singleton;

/**
 * The deployments that run a model server: planned from the spec, and once serving, registered in the model catalog
 * so prompts can name them. The catalog entry goes through the catalog's own checks, the outbound-URL policy among
 * them, with the deployer as its author; applying the same server again adds no version.
 */
@Singleton
class ModelServers {
    private final ModelService models;

    ModelServers(ModelService models) {
        this.models = models;
    }

    ModelServer plan(DeploymentSpec spec, DeployTargets.Resolved target) {
        ModelServerSpec m = spec.modelServer();
        return new ModelServer(
                        spec.name(),
                        target.namespace(),
                        ModelServerKind.parse(m.kind()),
                        spec.image(),
                        m.model(),
                        spec.replicas() == null ? 1 : spec.replicas(),
                        spec.cpu() == null ? "2" : spec.cpu(),
                        spec.memory() == null ? "16Gi" : spec.memory(),
                        m.gpusOrDefault(),
                        m.startupOrDefault(),
                        m.argsOrNone(),
                        m.tokenSecret())
                .checked();
    }

    /** Registers {@code server} as its catalog model; null when done, else why the catalog refused it. */
    String register(DeploymentSpec spec, ModelServer server, String deployment) {
        String name = spec.modelServer().catalogNameOr(spec.name());
        try {
            models.ensureContent(
                    name,
                    new CreateModelVersionRequest(
                            Provider.OPENAI,
                            server.model(),
                            server.baseUrl(),
                            null,
                            null,
                            "served by deployment " + deployment + " ("
                                    + server.kind().wire() + ")"),
                    false,
                    Rollouts.DEPLOYER);
            return null;
        } catch (ParapetException e) {
            return "serving, but the catalog refused model '" + name + "': " + e.getMessage();
        }
    }
}

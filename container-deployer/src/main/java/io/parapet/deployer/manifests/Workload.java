package io.parapet.deployer.manifests;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * What a deploy target brings up: a release's edge gateway, or a model server (vLLM, Ollama, TGI) that the catalog
 * then calls. On a cluster both are objects labelled {@link ReleaseManifests#DEPLOYMENT_LABEL} with the name, which
 * is how status, logs and undeploy find them.
 */
public sealed interface Workload permits ReleaseDeployment, ModelServer {
    String name();

    String namespace();

    int replicas();

    /** The objects that run it on a cluster, checked first (a 400 listing every error). */
    List<HasMetadata> objects();
}

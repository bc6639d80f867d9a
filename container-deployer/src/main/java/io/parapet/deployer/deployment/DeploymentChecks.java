package io.parapet.deployer.deployment;

import io.parapet.core.FieldError;
import io.parapet.core.ParapetException;
import io.parapet.deployer.manifests.ModelServerKind;
import io.parapet.deployer.manifests.ReleaseDeployment;
import java.util.ArrayList;
import java.util.List;

/** A deployment spec's own errors, all at once (a 400 listing them), before any target or release is looked up. */
final class DeploymentChecks {
    private static final String DNS_LABEL = "[a-z]([-a-z0-9]{0,38}[a-z0-9])?";

    private DeploymentChecks() {}

    static void check(DeploymentSpec s) {
        List<FieldError> errors = new ArrayList<>();
        if (s.name() == null || !s.name().matches(DNS_LABEL)) {
            errors.add(new FieldError("name", "must be a DNS label of 1 to 40 characters (a-z, 0-9, -)"));
        }
        if (s.target() != null && !s.target().matches(DNS_LABEL)) {
            errors.add(new FieldError("target", "must name a deploy target (GET /api/v1/deploy-targets)"));
        }
        if (s.isModelServer()) {
            modelServer(s, errors);
        } else if (s.release() == null || s.release().isBlank() || s.release().length() > 80) {
            errors.add(new FieldError("release", "is required: a release number or its digest (sha256:…)"));
        }
        if (s.replicas() != null && (s.replicas() < 1 || s.replicas() > ReleaseDeployment.MAX_REPLICAS)) {
            errors.add(new FieldError("replicas", "must be 1 to " + ReleaseDeployment.MAX_REPLICAS));
        }
        if (s.timeoutSeconds() != null
                && (s.timeoutSeconds() < 1 || s.timeoutSeconds() > DeploymentSpec.MAX_TIMEOUT_SECONDS)) {
            errors.add(new FieldError("timeoutSeconds", "must be 1 to " + DeploymentSpec.MAX_TIMEOUT_SECONDS));
        }
        if (s.image() != null && (s.image().isBlank() || s.image().length() > 512)) {
            errors.add(new FieldError("image", "must be an image reference of at most 512 characters"));
        }
        if (s.chatKeysSecret() != null && !s.chatKeysSecret().matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
            errors.add(new FieldError("chatKeysSecret", "must be a Kubernetes Secret name"));
        }
        boolean local = s.targetOrLocal().equals(DeployTargets.LOCAL);
        if (local && (s.image() != null || s.chatKeysSecret() != null)) {
            errors.add(new FieldError(
                    local && s.image() != null ? "image" : "chatKeysSecret",
                    "is for cluster targets: the local target runs this server's own jar with a key it makes"));
        }
        if ((local || s.isModelServer()) && (s.canaryImage() != null || s.gateway() != null)) {
            errors.add(new FieldError(
                    s.canaryImage() != null ? "canaryImage" : "gateway",
                    "is for release deployments on a cluster target"));
        }
        if ((s.canaryImage() == null) != (s.canaryPercent() == null)) {
            errors.add(new FieldError("canaryPercent", "and canaryImage go together"));
        }
        if (!local && s.chatKeysSecret() == null && !s.isModelServer()) {
            errors.add(
                    new FieldError("chatKeysSecret", "is required on a cluster: the Secret of the chat keys' hashes"));
        }
        if (!errors.isEmpty()) {
            throw ParapetException.invalid(
                    errors.size() + " error(s) in the deployment", errors.toArray(FieldError[]::new));
        }
    }

    /** What only a model server's spec can get wrong; its numbers and names are checked with the workload. */
    private static void modelServer(DeploymentSpec s, List<FieldError> errors) {
        if (s.release() != null) {
            errors.add(new FieldError("release", "must be absent: a model server serves a model, not a release"));
        }
        if (s.targetOrLocal().equals(DeployTargets.LOCAL)) {
            errors.add(new FieldError(
                    "target",
                    "must be a cluster or manifests target: a model server needs a cluster (locally, run Ollama or"
                            + " vLLM yourself and add it with POST /api/v1/models)"));
        }
        if (s.image() == null) {
            errors.add(new FieldError("image", "is required: the model server's image (for example vllm/vllm-openai)"));
        }
        if (s.chatKeysSecret() != null || s.maxReplicas() != null) {
            errors.add(new FieldError(
                    s.chatKeysSecret() != null ? "chatKeysSecret" : "maxReplicas", "is for release deployments"));
        }
        ModelServerSpec m = s.modelServer();
        if (m.kind() == null || ModelServerKind.parse(m.kind()) == null) {
            errors.add(new FieldError("modelServer.kind", "must be vllm, ollama or tgi"));
        }
        String catalog = m.catalogNameOr(s.name() == null ? "" : s.name());
        if (!catalog.matches("[a-z0-9][a-z0-9._/-]{0,127}")) {
            errors.add(new FieldError(
                    "modelServer.catalogName", "must be a model name (a-z, 0-9, . _ / -, at most 128 characters)"));
        }
    }
}

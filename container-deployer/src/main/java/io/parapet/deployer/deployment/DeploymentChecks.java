package io.parapet.deployer.deployment;

import io.parapet.core.FieldError;
import io.parapet.core.ParapetException;
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
        if (s.release() == null || s.release().isBlank() || s.release().length() > 80) {
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
        if (!local && s.chatKeysSecret() == null) {
            errors.add(
                    new FieldError("chatKeysSecret", "is required on a cluster: the Secret of the chat keys' hashes"));
        }
        if (!errors.isEmpty()) {
            throw ParapetException.invalid(
                    errors.size() + " error(s) in the deployment", errors.toArray(FieldError[]::new));
        }
    }
}

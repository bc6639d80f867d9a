package io.parapet.deployer.manifests;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.parapet.core.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * How a release image runs on a cluster (or, for the {@code local} target, as a process).
 *
 * @param name the deployment's name, a DNS label of at most 40 characters (objects add suffixes)
 * @param image the release image ({@code registry/parapet/release:7} or {@code …@sha256:…})
 * @param releaseJson the release as its API returns it, mounted from a ConfigMap beside the baked copy
 * @param chatKeysSecret the Secret whose keys are the chat keys' hashes, mounted read-only
 * @param canaryImage the canary's release image, or null; it gets {@code canaryPercent} of the replicas
 * @param maxReplicas above {@code replicas}: a HorizontalPodAutoscaler on CPU; 0 for none
 * @param evalSchedule a cron expression: a CronJob runs {@code parapet eval run --file} with the suite in {@code
 *     evalSuite} against the deployment's Service; null for none
 * @param gateway the Gateway ({@code namespace/name}) whose HTTPRoute exposes the deployment, splitting by weight
 *     between the stable and canary Services; null for none. Only where the cluster has the Gateway API: elsewhere
 *     the canary's share is its share of the replicas behind the one Service.
 */
public record ReleaseDeployment(
        String name,
        String namespace,
        String image,
        long releaseId,
        String releaseDigest,
        String releaseJson,
        int replicas,
        String cpu,
        String memory,
        String chatKeysSecret,
        int maxReplicas,
        boolean disruptionBudget,
        boolean networkPolicy,
        String canaryImage,
        int canaryPercent,
        String evalSchedule,
        String evalSuite,
        String gateway)
        implements Workload {

    public static final int MAX_REPLICAS = 100;
    public static final String GATEWAY = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?/[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?";

    /** Throws a 400 listing every error. */
    public ReleaseDeployment checked() {
        List<FieldError> errors = new ArrayList<>();
        WorkloadChecks.names(errors, name, namespace);
        if (image == null || image.isBlank() || image.length() > 512) {
            errors.add(new FieldError("image", "is required: the release image"));
        }
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            errors.add(new FieldError("replicas", "must be 1 to " + MAX_REPLICAS));
        }
        if (maxReplicas != 0 && (maxReplicas < replicas || maxReplicas > MAX_REPLICAS)) {
            errors.add(new FieldError("maxReplicas", "must be 0 (no autoscaling) or replicas to " + MAX_REPLICAS));
        }
        if (canaryImage != null && (canaryPercent < 1 || canaryPercent > 99 || replicas < 2)) {
            errors.add(new FieldError("canaryPercent", "must be 1 to 99, with at least 2 replicas"));
        }
        if ((evalSchedule == null) != (evalSuite == null)) {
            errors.add(new FieldError("evalSchedule", "and evalSuite go together"));
        }
        if (gateway != null && !gateway.matches(GATEWAY)) {
            errors.add(new FieldError("gateway", "must name a Gateway as namespace/name"));
        }
        WorkloadChecks.quantity(errors, "cpu", cpu);
        WorkloadChecks.quantity(errors, "memory", memory);
        WorkloadChecks.throwIfAny(errors, "deployment");
        return this;
    }

    @Override
    public List<HasMetadata> objects() {
        return ReleaseManifests.objects(this);
    }

    /** The same deployment with no HTTPRoute: for a cluster without the Gateway API. */
    public ReleaseDeployment withoutGateway() {
        return new ReleaseDeployment(
                name,
                namespace,
                image,
                releaseId,
                releaseDigest,
                releaseJson,
                replicas,
                cpu,
                memory,
                chatKeysSecret,
                maxReplicas,
                disruptionBudget,
                networkPolicy,
                canaryImage,
                canaryPercent,
                evalSchedule,
                evalSuite,
                null);
    }

    /** Canary replicas: the share of {@code replicas} rounded, at least one; the stable side keeps at least one. */
    public int canaryReplicas() {
        if (canaryImage == null) {
            return 0;
        }
        return Math.min(replicas - 1, Math.max(1, Math.round(replicas * canaryPercent / 100f)));
    }
}

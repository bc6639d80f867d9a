package io.parapet.deployer.target;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.parapet.deployer.manifests.ReleaseDeployment;
import io.parapet.deployer.manifests.ReleaseManifests;
import io.parapet.deployer.manifests.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Deploys to a Kubernetes cluster through fabric8 (kubeconfig or in-cluster). Objects are created, or replaced
 * when they exist; a replace that loses a race on {@code resourceVersion} (409) reads the object again and retries.
 * Server-side apply would do this in one call, but the fabric8 mock server the tests use does not implement it.
 */
public class KubernetesTarget implements DeployTarget {
    static final int CONFLICT_RETRIES = 5;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final List<Class<? extends HasMetadata>> KINDS = List.of(
            ConfigMap.class,
            Deployment.class,
            Service.class,
            HorizontalPodAutoscaler.class,
            PodDisruptionBudget.class,
            NetworkPolicy.class,
            CronJob.class,
            HTTPRoute.class);

    private final KubernetesClient client;
    private final Boolean gatewayApi;

    /** A target that asks the cluster's discovery whether it has the Gateway API. */
    public KubernetesTarget(KubernetesClient client) {
        this(client, null);
    }

    /** {@code gatewayApi}: whether the cluster has the Gateway API, when known; null to ask its discovery. */
    public KubernetesTarget(KubernetesClient client, Boolean gatewayApi) {
        this.client = client;
        this.gatewayApi = gatewayApi;
    }

    private boolean hasGatewayApi() {
        return gatewayApi != null ? gatewayApi : client.supports(HTTPRoute.class);
    }

    @Override
    public String kind() {
        return "kubernetes";
    }

    @Override
    public TargetStatus deploy(Workload workload, Duration timeout) {
        Workload d = workload;
        String note = null;
        if (d instanceof ReleaseDeployment r && r.gateway() != null && !hasGatewayApi()) {
            d = r.withoutGateway();
            note = "the cluster has no Gateway API (gateway.networking.k8s.io/v1 HTTPRoute), so no route was made;"
                    + " a canary's share is its share of the replicas";
        }
        List<HasMetadata> objects = d.objects();
        Set<String> wanted = new LinkedHashSet<>();
        try {
            for (HasMetadata o : objects) {
                createOrReplace(o);
                wanted.add(o.getKind() + "/" + o.getMetadata().getName());
            }
            prune(d.namespace(), d.name(), wanted);
        } catch (KubernetesClientException e) {
            throw new DeployFailure(new TargetStatus(
                    "failed", 0, d.replicas(), null, "the cluster refused or could not be reached: " + brief(e)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            TargetStatus now = status(d.namespace(), d.name());
            if (now.isReady()) {
                return note == null
                        ? now
                        : new TargetStatus(now.state(), now.ready(), now.desired(), now.endpoint(), note);
            }
            if (System.nanoTime() > deadline) {
                throw new DeployFailure(new TargetStatus(
                        "failed",
                        now.ready(),
                        now.desired(),
                        now.endpoint(),
                        "not ready after " + timeout.toSeconds() + " s: " + reason(d.namespace(), d.name())));
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeployFailure(new TargetStatus("failed", now.ready(), now.desired(), null, "interrupted"));
            }
        }
    }

    private void createOrReplace(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        try {
            client.resource(o).inNamespace(ns).create();
            return;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
        for (int attempt = 1; ; attempt++) {
            HasMetadata current = client.resource(o).inNamespace(ns).get();
            o.getMetadata()
                    .setResourceVersion(
                            current == null ? null : current.getMetadata().getResourceVersion());
            try {
                client.resource(o).inNamespace(ns).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    /** Removes what an earlier apply made and this one no longer has (a canary Deployment, an HPA turned off). */
    private void prune(String namespace, String name, Set<String> wanted) {
        boolean routes = hasGatewayApi(); // a cluster without the Gateway API answers 404 to listing routes
        for (Class<? extends HasMetadata> kind : KINDS) {
            if (kind == HTTPRoute.class && !routes) {
                continue;
            }
            for (HasMetadata o : client.resources(kind)
                    .inNamespace(namespace)
                    .withLabel(ReleaseManifests.DEPLOYMENT_LABEL, name)
                    .list()
                    .getItems()) {
                if (!wanted.contains(o.getKind() + "/" + o.getMetadata().getName())) {
                    client.resource(o).inNamespace(namespace).delete();
                }
            }
        }
    }

    @Override
    public TargetStatus status(String namespace, String name) {
        List<Deployment> deployments = client.apps()
                .deployments()
                .inNamespace(namespace)
                .withLabel(ReleaseManifests.DEPLOYMENT_LABEL, name)
                .list()
                .getItems();
        if (deployments.isEmpty()) {
            return TargetStatus.absent();
        }
        int desired = 0;
        int ready = 0;
        for (Deployment d : deployments) {
            desired += d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            Integer r = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
            ready += r == null ? 0 : r;
        }
        String endpoint = "http://" + name + "." + namespace + ".svc";
        return ready >= desired
                ? new TargetStatus("ready", ready, desired, endpoint, null)
                : new TargetStatus("progressing", ready, desired, endpoint, ready + "/" + desired + " replicas ready");
    }

    /** Why pods are not ready: their unmet conditions' messages and the namespace's warning events about them. */
    String reason(String namespace, String name) {
        List<String> reasons = new ArrayList<>();
        Set<String> pods = new LinkedHashSet<>();
        for (Pod p : client.pods()
                .inNamespace(namespace)
                .withLabel(ReleaseManifests.DEPLOYMENT_LABEL, name)
                .list()
                .getItems()) {
            pods.add(p.getMetadata().getName());
            if (p.getStatus() != null && p.getStatus().getConditions() != null) {
                for (PodCondition c : p.getStatus().getConditions()) {
                    if ("False".equals(c.getStatus()) && c.getMessage() != null) {
                        reasons.add(p.getMetadata().getName() + " " + c.getType() + ": " + c.getMessage());
                    }
                }
            }
        }
        for (Event e : client.v1().events().inNamespace(namespace).list().getItems()) {
            boolean ours = e.getInvolvedObject() != null
                    && (pods.contains(e.getInvolvedObject().getName())
                            || e.getInvolvedObject().getName().startsWith(name));
            if (ours && "Warning".equals(e.getType())) {
                reasons.add(e.getReason() + ": " + e.getMessage());
            }
        }
        return reasons.isEmpty() ? "no pod reported why" : String.join("; ", new LinkedHashSet<>(reasons));
    }

    @Override
    public List<String> logs(String namespace, String name, int lines) {
        List<String> out = new ArrayList<>();
        for (Pod p : client.pods()
                .inNamespace(namespace)
                .withLabel(ReleaseManifests.DEPLOYMENT_LABEL, name)
                .list()
                .getItems()) {
            String log = client.pods()
                    .inNamespace(namespace)
                    .withName(p.getMetadata().getName())
                    .tailingLines(lines)
                    .getLog();
            if (log != null) {
                log.lines().forEach(l -> out.add(p.getMetadata().getName() + " " + l));
            }
        }
        return out.size() > lines ? out.subList(out.size() - lines, out.size()) : out;
    }

    @Override
    public void undeploy(String namespace, String name) {
        prune(namespace, name, Set.of());
    }

    private static String brief(KubernetesClientException e) {
        String m = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.length() > 300 ? m.substring(0, 300) : m;
    }
}

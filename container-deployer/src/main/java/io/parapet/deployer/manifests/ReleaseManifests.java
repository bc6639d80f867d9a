package io.parapet.deployer.manifests;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.parapet.deployer.release.CredentialRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects that serve one release on a cluster: a ConfigMap with the release, a stable Deployment (and a canary
 * one, in the replica ratio of the canary's share) behind one Service, and as asked an autoscaler, a disruption
 * budget, a network policy, a CronJob that runs an evaluation suite against the Service, and an HTTPRoute from a
 * Gateway that splits a canary by weight. Pods run as a non-root
 * user on a read-only root filesystem; {@code /tmp} is an emptyDir; the chat keys' Secret is mounted, never copied.
 * Every object carries {@code parapet.io/deployment}, which is how undeploy finds what to prune.
 */
public final class ReleaseManifests {
    public static final String DEPLOYMENT_LABEL = "parapet.io/deployment";
    public static final String TRACK_LABEL = "parapet.io/track";
    static final String KEYS_PATH = "/var/run/parapet/keys";
    static final String RELEASE_PATH = "/var/run/parapet/release";

    private ReleaseManifests() {}

    public static List<HasMetadata> objects(ReleaseDeployment d) {
        d.checked();
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(new ConfigMapBuilder()
                .withMetadata(meta(d, d.name() + "-release", null))
                .addToData("release.json", d.releaseJson())
                .build());
        int canary = d.canaryReplicas();
        objects.add(deployment(d, d.name(), "stable", d.image(), d.replicas() - canary));
        if (canary > 0) {
            objects.add(deployment(d, d.name() + "-canary", "canary", d.canaryImage(), canary));
        }
        objects.add(PlatformManifests.httpService(meta(d, d.name(), null), selector(d, null)));
        if (d.gateway() != null) {
            objects.addAll(route(d, canary));
        }
        if (d.maxReplicas() > 0) {
            objects.add(new HorizontalPodAutoscalerBuilder()
                    .withMetadata(meta(d, d.name(), null))
                    .withNewSpec()
                    .withNewScaleTargetRef("apps/v1", "Deployment", d.name())
                    .withMinReplicas(d.replicas() - canary)
                    .withMaxReplicas(d.maxReplicas())
                    .addNewMetric()
                    .withType("Resource")
                    .withNewResource()
                    .withName("cpu")
                    .withNewTarget()
                    .withType("Utilization")
                    .withAverageUtilization(70)
                    .endTarget()
                    .endResource()
                    .endMetric()
                    .endSpec()
                    .build());
        }
        if (d.disruptionBudget()) {
            objects.add(new PodDisruptionBudgetBuilder()
                    .withMetadata(meta(d, d.name(), null))
                    .withNewSpec()
                    .withMaxUnavailable(new IntOrString(1))
                    .withNewSelector()
                    .withMatchLabels(selector(d, null))
                    .endSelector()
                    .endSpec()
                    .build());
        }
        if (d.networkPolicy()) {
            // Only pods of the namespace labelled as clients may call the gateway; egress (models, Kafka) is open.
            objects.add(new NetworkPolicyBuilder()
                    .withMetadata(meta(d, d.name(), null))
                    .withNewSpec()
                    .withNewPodSelector()
                    .withMatchLabels(selector(d, null))
                    .endPodSelector()
                    .withPolicyTypes("Ingress")
                    .addNewIngress()
                    .addNewFrom()
                    .withNewPodSelector()
                    .addToMatchLabels("parapet.io/client", "true")
                    .endPodSelector()
                    .endFrom()
                    .addNewPort()
                    .withPort(new IntOrString(PlatformManifests.PORT))
                    .withProtocol("TCP")
                    .endPort()
                    .endIngress()
                    .endSpec()
                    .build());
        }
        if (d.evalSchedule() != null) {
            objects.add(evalJob(d));
        }
        return objects;
    }

    /**
     * An HTTPRoute from the Gateway to the deployment. During a canary it splits by weight between one Service per
     * track, so the share is exact whatever the replica counts; otherwise it points at the one Service.
     */
    private static List<HasMetadata> route(ReleaseDeployment d, int canaryReplicas) {
        List<HasMetadata> objects = new ArrayList<>();
        String[] parent = d.gateway().split("/", 2);
        var rule = new HTTPRouteRuleBuilder();
        if (canaryReplicas == 0) {
            rule.addNewBackendRef()
                    .withName(d.name())
                    .withPort(80)
                    .withWeight(1)
                    .endBackendRef();
        } else {
            for (String track : List.of("stable", "canary")) {
                String service = d.name() + "-" + track;
                objects.add(PlatformManifests.httpService(meta(d, service, track), selector(d, track)));
                int weight = track.equals("canary") ? d.canaryPercent() : 100 - d.canaryPercent();
                rule.addNewBackendRef()
                        .withName(service)
                        .withPort(80)
                        .withWeight(weight)
                        .endBackendRef();
            }
        }
        objects.add(new HTTPRouteBuilder()
                .withMetadata(meta(d, d.name(), null))
                .withNewSpec()
                .addNewParentRef()
                .withNamespace(parent[0])
                .withName(parent[1])
                .endParentRef()
                .withRules(rule.build())
                .endSpec()
                .build());
        return objects;
    }

    private static HasMetadata deployment(ReleaseDeployment d, String name, String track, String image, int replicas) {
        Map<String, String> labels = selector(d, track);
        return new DeploymentBuilder()
                .withMetadata(meta(d, name, track))
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(labels)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .addToAnnotations("parapet.io/release-digest", d.releaseDigest())
                .endMetadata()
                .withSpec(pod(d, image))
                .endTemplate()
                .endSpec()
                .build();
    }

    private static PodSpec pod(ReleaseDeployment d, String image) {
        return new PodSpecBuilder()
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(65532L)
                .withFsGroup(65532L)
                .endSecurityContext()
                .withContainers(new ContainerBuilder()
                        .withName("gateway")
                        .withImage(image)
                        .addNewEnv()
                        .withName("PARAPET_CHAT_KEYS_DIR")
                        .withValue(KEYS_PATH)
                        .endEnv()
                        .addAllToEnv(credentialVariables(d))
                        .addNewPort()
                        .withName("http")
                        .withContainerPort(PlatformManifests.PORT)
                        .endPort()
                        .withNewResources()
                        .addToRequests("cpu", new Quantity(d.cpu()))
                        .addToRequests("memory", new Quantity(d.memory()))
                        .addToLimits("memory", new Quantity(d.memory()))
                        .endResources()
                        .withReadinessProbe(PlatformManifests.health(5, 3))
                        .withLivenessProbe(PlatformManifests.health(10, 3))
                        // Start-up loads the guardrail models: up to 2.5 minutes.
                        .withStartupProbe(PlatformManifests.health(5, 30))
                        .withSecurityContext(PlatformManifests.lockedDown())
                        .addNewVolumeMount()
                        .withName("tmp")
                        .withMountPath("/tmp")
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("keys")
                        .withMountPath(KEYS_PATH)
                        .withReadOnly(true)
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("release")
                        .withMountPath(RELEASE_PATH)
                        .withReadOnly(true)
                        .endVolumeMount()
                        .build())
                .addToVolumes(PlatformManifests.scratch("tmp", null))
                .addNewVolume()
                .withName("keys")
                .withNewSecret()
                .withSecretName(d.chatKeysSecret())
                .endSecret()
                .endVolume()
                .addNewVolume()
                .withName("release")
                .withNewConfigMap()
                .withName(d.name() + "-release")
                .endConfigMap()
                .endVolume()
                .build();
    }

    /** The suite runs from the release image against the Service; the key comes from the chat keys' Secret. */
    private static HasMetadata evalJob(ReleaseDeployment d) {
        return new CronJobBuilder()
                .withMetadata(meta(d, d.name() + "-eval", null))
                .withNewSpec()
                .withSchedule(d.evalSchedule())
                .withConcurrencyPolicy("Forbid")
                .withNewJobTemplate()
                .withNewSpec()
                .withBackoffLimit(0)
                .withNewTemplate()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(65532L)
                .endSecurityContext()
                .addNewContainer()
                .withName("eval")
                .withImage(d.image())
                .withArgs("eval", "run", "--file", "/suite/suite.yaml", "--server", "http://" + d.name())
                .addNewEnv()
                .withName("PARAPET_KEY")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(d.chatKeysSecret())
                .withKey("eval-key")
                .endSecretKeyRef()
                .endValueFrom()
                .endEnv()
                .addNewVolumeMount()
                .withName("suite")
                .withMountPath("/suite")
                .withReadOnly(true)
                .endVolumeMount()
                .endContainer()
                .addNewVolume()
                .withName("suite")
                .withNewConfigMap()
                .withName(d.evalSuite())
                .endConfigMap()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .endJobTemplate()
                .endSpec()
                .build();
    }

    private static ObjectMeta meta(ReleaseDeployment d, String name, String track) {
        Map<String, String> labels = selector(d, track);
        labels.put("app.kubernetes.io/managed-by", "parapet");
        labels.put("parapet.io/release", String.valueOf(d.releaseId()));
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(d.namespace())
                .withLabels(labels)
                .build();
    }

    /**
     * The models' credentials that the release takes from Secrets, as the variables the edge gateway reads
     * ({@link CredentialRef#variable}); references to plain variables are the deployment's own to set.
     */
    static List<EnvVar> credentialVariables(ReleaseDeployment d) {
        List<EnvVar> variables = new ArrayList<>();
        CredentialRef.inRelease(d.releaseJson()).forEach((model, ref) -> {
            if (ref.secret() != null) {
                variables.add(new EnvVarBuilder()
                        .withName(ref.variable(model))
                        .withNewValueFrom()
                        .withNewSecretKeyRef(ref.key(), ref.secret(), false)
                        .endValueFrom()
                        .build());
            }
        });
        return variables;
    }

    /** What the Service selects (both tracks); a Deployment also selects its track. */
    static Map<String, String> selector(ReleaseDeployment d, String track) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "parapet-release");
        labels.put(DEPLOYMENT_LABEL, d.name());
        if (track != null) {
            labels.put(TRACK_LABEL, track);
        }
        return labels;
    }
}

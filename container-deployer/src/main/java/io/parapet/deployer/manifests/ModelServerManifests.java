package io.parapet.deployer.manifests;

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
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of a model server: a Deployment and a Service. The image is the user's, so the pod runs as the image's
 * user (the vLLM, TGI and Ollama images run as root), but with no capabilities, no privilege escalation and a
 * read-only root filesystem; models download into an emptyDir cache. GPUs are limits on {@code nvidia.com/gpu}, with
 * the toleration GPU nodes' taint asks for. With GPUs an update replaces pods one at a time without a surge, because
 * a surge pod would wait for the GPU its predecessor holds.
 */
public final class ModelServerManifests {
    public static final String GPU = "nvidia.com/gpu";
    static final String CACHE = "/cache";

    private ModelServerManifests() {}

    public static List<HasMetadata> objects(ModelServer m) {
        m.checked();
        Map<String, String> selector = selector(m);
        var deployment = new DeploymentBuilder()
                .withMetadata(meta(m))
                .withNewSpec()
                .withReplicas(m.replicas())
                .withNewSelector()
                .withMatchLabels(selector)
                .endSelector()
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(new IntOrString(m.gpus() > 0 ? 0 : 1))
                .withMaxUnavailable(new IntOrString(m.gpus() > 0 ? 1 : 0))
                .endRollingUpdate()
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(selector)
                .endMetadata()
                .withSpec(pod(m))
                .endTemplate()
                .endSpec()
                .build();
        return List.of(deployment, PlatformManifests.httpService(meta(m), selector));
    }

    private static PodSpec pod(ModelServer m) {
        List<String> args = new ArrayList<>(m.kind().arguments(m.model(), m.gpus()));
        args.addAll(m.args());
        var resources = new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(m.cpu()))
                .addToRequests("memory", new Quantity(m.memory()))
                .addToLimits("memory", new Quantity(m.memory()));
        if (m.gpus() > 0) {
            resources.addToLimits(GPU, new Quantity("" + m.gpus()));
        }
        String path = m.kind().healthPath();
        var container = new ContainerBuilder()
                .withName("server")
                .withImage(m.image())
                .withArgs(args)
                .withEnv(environment(m))
                .addNewPort()
                .withName("http")
                .withContainerPort(m.kind().port())
                .endPort()
                .withResources(resources.build())
                // Loading weights can take many minutes; liveness and readiness wait until the start-up probe passed.
                .withStartupProbe(PlatformManifests.health(path, 10, Math.ceilDiv(m.startupSeconds(), 10)))
                .withReadinessProbe(PlatformManifests.health(path, 5, 3))
                .withLivenessProbe(PlatformManifests.health(path, 20, 3))
                .withSecurityContext(PlatformManifests.lockedDown())
                .addNewVolumeMount()
                .withName("cache")
                .withMountPath(CACHE)
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("tmp")
                .withMountPath("/tmp")
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("shm")
                .withMountPath("/dev/shm")
                .endVolumeMount();
        if (m.kind() == ModelServerKind.OLLAMA) {
            // The server starts empty; the model (a checked tag, passed as a variable, never spliced into the
            // script) is pulled once it answers. The container counts as started only after this hook.
            container
                    .withNewLifecycle()
                    .withNewPostStart()
                    .withNewExec()
                    .withCommand(
                            "/bin/sh",
                            "-c",
                            "until ollama list >/dev/null 2>&1; do sleep 1; done; ollama pull \"$PARAPET_MODEL\"")
                    .endExec()
                    .endPostStart()
                    .endLifecycle();
        }
        var pod = new PodSpecBuilder()
                .withAutomountServiceAccountToken(false)
                .withContainers(container.build())
                .addToVolumes(
                        PlatformManifests.scratch("cache", null),
                        PlatformManifests.scratch("tmp", null),
                        PlatformManifests.scratch("shm", "Memory"));
        if (m.gpus() > 0) {
            pod.addNewToleration()
                    .withKey(GPU)
                    .withOperator("Exists")
                    .withEffect("NoSchedule")
                    .endToleration();
        }
        return pod.build();
    }

    private static List<EnvVar> environment(ModelServer m) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("HOME", CACHE, null));
        env.add(new EnvVar("HF_HOME", CACHE + "/huggingface", null));
        env.add(new EnvVar("PARAPET_MODEL", m.model(), null));
        if (m.kind() == ModelServerKind.OLLAMA) {
            env.add(new EnvVar("OLLAMA_HOST", "0.0.0.0:" + m.kind().port(), null));
            env.add(new EnvVar("OLLAMA_MODELS", CACHE + "/ollama", null));
        }
        if (m.tokenSecret() != null) {
            env.add(new EnvVarBuilder()
                    .withName("HF_TOKEN")
                    .withNewValueFrom()
                    .withNewSecretKeyRef("token", m.tokenSecret(), false)
                    .endValueFrom()
                    .build());
        }
        return env;
    }

    private static ObjectMeta meta(ModelServer m) {
        Map<String, String> labels = selector(m);
        labels.put("app.kubernetes.io/managed-by", "parapet");
        labels.put("parapet.io/model-server", m.kind().wire());
        return new ObjectMetaBuilder()
                .withName(m.name())
                .withNamespace(m.namespace())
                .withLabels(labels)
                .build();
    }

    private static Map<String, String> selector(ModelServer m) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "parapet-model-server");
        labels.put(ReleaseManifests.DEPLOYMENT_LABEL, m.name());
        return labels;
    }
}

package io.parapet.deployer.manifests;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects that run Parapet itself on a cluster, from {@link PlatformSettings}: the gateway replicas behind a
 * Service, the {@code --role=streaming} monitors and the {@code --role=worker} evaluation runner as Deployments of
 * their own, a ConfigMap of shared settings, and disruption budgets. PostgreSQL and Kafka are external; the Secret
 * with their credentials is the user's. Every pod runs as a non-root user on a read-only root filesystem with
 * {@code /tmp} as its only writable place (Kafka Streams state, the tokenizer cache).
 */
public final class PlatformManifests {
    static final String NAME = "parapet";
    static final String CONFIG = "parapet-config";
    static final int PORT = 8080;
    /** The keys the user's Secret holds, and the variables they become. */
    static final List<String> SECRET_KEYS =
            List.of("PARAPET_DB_URL", "PARAPET_DB_USER", "PARAPET_DB_PASSWORD", "PARAPET_MASTER_KEY");

    private PlatformManifests() {}

    public static List<HasMetadata> objects(PlatformSettings s) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(new ConfigMapBuilder()
                .withMetadata(meta(CONFIG, s, "config"))
                .addToData("PARAPET_KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrapServers())
                .addToData("HOME", "/tmp")
                .addToData("DJL_CACHE_DIR", "/tmp/djl")
                .build());
        objects.add(deployment(
                s,
                "gateway",
                s.gatewayReplicas(),
                List.of(),
                Map.of("PARAPET_MONITORS_ENABLED", "false", "PARAPET_EVAL_RUNNER_ENABLED", "false"),
                true));
        if (s.streamingReplicas() > 0) {
            objects.add(
                    deployment(s, "streaming", s.streamingReplicas(), List.of("--role=streaming"), Map.of(), false));
        }
        if (s.workerReplicas() > 0) {
            objects.add(deployment(s, "worker", s.workerReplicas(), List.of("--role=worker"), Map.of(), false));
        }
        objects.add(httpService(meta(NAME, s, "gateway"), labels("gateway")));
        objects.add(budget(s, "gateway"));
        if (s.streamingReplicas() > 0) {
            objects.add(budget(s, "streaming"));
        }
        return objects;
    }

    private static ObjectMeta meta(String name, PlatformSettings s, String component) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(s.namespace())
                .withLabels(labels(component))
                .build();
    }

    static Map<String, String> labels(String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", NAME);
        labels.put("app.kubernetes.io/component", component);
        return labels;
    }

    private static HasMetadata deployment(
            PlatformSettings s,
            String component,
            int replicas,
            List<String> args,
            Map<String, String> env,
            boolean serves) {
        return new DeploymentBuilder()
                .withMetadata(meta(NAME + "-" + component, s, component))
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(labels(component))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels(component))
                .endMetadata()
                .withNewSpec()
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(10001L)
                .withFsGroup(10001L)
                .endSecurityContext()
                .withContainers(container(s, args, env, serves))
                .addToVolumes(scratch("tmp", null))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Container container(PlatformSettings s, List<String> args, Map<String, String> env, boolean serves) {
        List<EnvVar> vars = new ArrayList<>();
        for (String key : SECRET_KEYS) {
            vars.add(new EnvVarBuilder()
                    .withName(key)
                    .withNewValueFrom()
                    .withNewSecretKeyRef()
                    .withName(s.secretName())
                    .withKey(key)
                    .endSecretKeyRef()
                    .endValueFrom()
                    .build());
        }
        new java.util.TreeMap<>(env).forEach((k, v) -> vars.add(new EnvVar(k, v, null)));
        ContainerBuilder c = new ContainerBuilder()
                .withName(NAME)
                .withImage(s.image())
                .withArgs(args)
                .addNewEnvFrom()
                .withNewConfigMapRef()
                .withName(CONFIG)
                .endConfigMapRef()
                .endEnvFrom()
                .withEnv(vars)
                .withNewResources()
                .addToRequests("cpu", new Quantity("500m"))
                .addToRequests("memory", new Quantity("1Gi"))
                .addToLimits("memory", new Quantity("1Gi"))
                .endResources()
                .withSecurityContext(lockedDown())
                .addNewVolumeMount()
                .withName("tmp")
                .withMountPath("/tmp")
                .endVolumeMount();
        if (serves) {
            c.addNewPort()
                    .withName("http")
                    .withContainerPort(PORT)
                    .endPort()
                    .withReadinessProbe(health(5, 3))
                    .withLivenessProbe(health(10, 3))
                    // Start-up loads the guardrail models and migrates the database: up to 2.5 minutes.
                    .withStartupProbe(health(5, 30));
        }
        return c.build();
    }

    /** A container that cannot write its root filesystem, gain privileges or use any capability. */
    static SecurityContext lockedDown() {
        return new SecurityContextBuilder()
                .withReadOnlyRootFilesystem(true)
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .build();
    }

    /** A scratch folder that lives as long as the pod; {@code medium} "Memory" for a tmpfs, else null. */
    static Volume scratch(String name, String medium) {
        return new VolumeBuilder()
                .withName(name)
                .withNewEmptyDir()
                .withMedium(medium)
                .endEmptyDir()
                .build();
    }

    static Probe health(int period, int failures) {
        return health("/health", period, failures);
    }

    static Probe health(String path, int period, int failures) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath(path)
                .withPort(new IntOrString("http"))
                .endHttpGet()
                .withPeriodSeconds(period)
                .withFailureThreshold(failures)
                .build();
    }

    private static HasMetadata budget(PlatformSettings s, String component) {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(meta(NAME + "-" + component, s, component))
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector()
                .withMatchLabels(labels(component))
                .endSelector()
                .endSpec()
                .build();
    }

    /** A Service on port 80 to the selected pods' {@code http} port: the platform's gateway and a release's. */
    static Service httpService(ObjectMeta meta, Map<String, String> selector) {
        return new ServiceBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .withSelector(selector)
                .addNewPort()
                .withName("http")
                .withPort(80)
                .withTargetPort(new IntOrString("http"))
                .endPort()
                .endSpec()
                .build();
    }
}

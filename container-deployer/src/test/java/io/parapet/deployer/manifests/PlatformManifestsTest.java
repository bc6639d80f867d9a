package io.parapet.deployer.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.parapet.core.ParapetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kustomize base that runs Parapet on a cluster: the same settings give the same bytes, every file parses back
 * into the object it came from, the references between objects resolve, every pod is locked down, and the
 * checked-in {@code deploy/} folder is exactly what the renderer makes.
 */
class PlatformManifestsTest {
    private static final PlatformSettings SETTINGS = PlatformSettings.defaults();

    private static Map<String, String> files() {
        return ManifestFiles.render(PlatformManifests.objects(SETTINGS), SETTINGS.namespace());
    }

    private static List<HasMetadata> parsed() {
        List<HasMetadata> objects = new ArrayList<>();
        files().forEach((name, yaml) -> {
            if (!name.equals(ManifestFiles.KUSTOMIZATION)) {
                objects.add(ManifestFiles.read(yaml));
            }
        });
        return objects;
    }

    @Test
    void the_same_settings_give_the_same_bytes_and_every_file_reads_back_as_its_object() {
        assertThat(files()).isEqualTo(files());
        List<HasMetadata> rendered = PlatformManifests.objects(SETTINGS);
        assertThat(parsed()).containsExactlyInAnyOrderElementsOf(rendered);
        assertThat(files().get(ManifestFiles.KUSTOMIZATION))
                .contains("namespace: parapet")
                .contains("  - deployment-parapet-gateway.yaml\n")
                .contains("  - service-parapet.yaml\n");
        assertThat(files().keySet())
                .containsExactlyInAnyOrder(
                        "kustomization.yaml",
                        "configmap-parapet-config.yaml",
                        "deployment-parapet-gateway.yaml",
                        "deployment-parapet-streaming.yaml",
                        "deployment-parapet-worker.yaml",
                        "service-parapet.yaml",
                        "poddisruptionbudget-parapet-gateway.yaml",
                        "poddisruptionbudget-parapet-streaming.yaml");
    }

    @Test
    void references_between_the_objects_resolve() {
        List<HasMetadata> objects = parsed();
        List<Deployment> deployments = of(objects, Deployment.class);
        List<String> configMaps = of(objects, ConfigMap.class).stream()
                .map(c -> c.getMetadata().getName())
                .toList();
        for (Deployment d : deployments) {
            Map<String, String> podLabels =
                    d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            c.getEnvFrom().forEach(e -> assertThat(configMaps)
                    .contains(e.getConfigMapRef().getName()));
            for (EnvVar v : c.getEnv()) {
                if (v.getValueFrom() != null) {
                    assertThat(v.getValueFrom().getSecretKeyRef().getName()).isEqualTo(SETTINGS.secretName());
                }
            }
        }
        Service service = of(objects, Service.class).get(0);
        assertThat(deployments)
                .as("the Service selects the gateway pods and their named port")
                .anySatisfy(d -> {
                    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                            .containsAllEntriesOf(service.getSpec().getSelector());
                    assertThat(d.getSpec()
                                    .getTemplate()
                                    .getSpec()
                                    .getContainers()
                                    .get(0)
                                    .getPorts())
                            .anySatisfy(p -> assertThat(p.getName()).isEqualTo("http"));
                });
        for (PodDisruptionBudget b : of(objects, PodDisruptionBudget.class)) {
            assertThat(deployments).anySatisfy(d -> assertThat(
                            d.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(b.getSpec().getSelector().getMatchLabels()));
        }
    }

    @Test
    void every_pod_runs_as_non_root_on_a_read_only_root_with_only_tmp_writable() {
        for (Deployment d : of(parsed(), Deployment.class)) {
            var pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            Container c = pod.getContainers().get(0);
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(c.getVolumeMounts()).singleElement().satisfies(m -> assertThat(m.getMountPath())
                    .isEqualTo("/tmp"));
            assertThat(c.getResources().getLimits()).containsKey("memory");
        }
        Deployment gateway = of(parsed(), Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("parapet-gateway"))
                .findFirst()
                .orElseThrow();
        Container c = gateway.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(c.getStartupProbe().getFailureThreshold()).isEqualTo(30);
        assertThat(c.getEnv()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("PARAPET_EVAL_RUNNER_ENABLED");
            assertThat(v.getValue()).isEqualTo("false");
        });
    }

    @Test
    void the_checked_in_deploy_folder_is_the_rendering_of_the_defaults() throws Exception {
        Path folder = Path.of("..", "deploy");
        Map<String, String> expected = files();
        try (Stream<Path> present = Files.list(folder)) {
            assertThat(present.map(p -> p.getFileName().toString()))
                    .as("regenerate with: ./parapet deploy render --platform --out deploy")
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
        for (Map.Entry<String, String> f : expected.entrySet()) {
            assertThat(Files.readString(folder.resolve(f.getKey())))
                    .as(f.getKey() + " (regenerate with: ./parapet deploy render --platform --out deploy)")
                    .isEqualTo(f.getValue());
        }
    }

    @Test
    void bad_settings_name_the_field() {
        assertThatThrownBy(() -> new PlatformSettings("Bad NS", "img", 1, 1, 1, "s", "k:9092"))
                .isInstanceOf(ParapetException.class)
                .satisfies(
                        e -> assertThat(((ParapetException) e).errors().get(0).field())
                                .isEqualTo("namespace"));
        assertThatThrownBy(() -> new PlatformSettings("ns", "img", 0, 1, 1, "s", "k:9092"))
                .satisfies(
                        e -> assertThat(((ParapetException) e).errors().get(0).field())
                                .isEqualTo("gatewayReplicas"));
        assertThatThrownBy(() -> new PlatformSettings("ns", "img; rm -rf /", 1, 1, 1, "s", "k:9092"))
                .satisfies(
                        e -> assertThat(((ParapetException) e).errors().get(0).field())
                                .isEqualTo("image"));
    }

    private static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }
}

package io.parapet.deployer.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.parapet.deployer.manifests.ManifestFiles;
import io.parapet.deployer.manifests.ModelServer;
import io.parapet.deployer.manifests.ModelServerKind;
import io.parapet.deployer.manifests.ModelServerManifests;
import io.parapet.deployer.manifests.ReleaseDeployment;
import io.parapet.deployer.manifests.ReleaseManifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kubernetes} target against the fabric8 mock API server in CRUD mode: the objects of a deploy, a canary
 * added and pruned, concurrent deploys, readiness with the reason from pod conditions and warning events, an
 * unreachable cluster, and an undeploy that leaves nothing. The mock has no controllers, so a small thread plays the
 * Deployment controller and marks replicas ready.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesTargetTest {
    static KubernetesClient client;

    private KubernetesTarget target;
    private Thread controller;
    private volatile boolean podsBecomeReady = true;

    @BeforeEach
    void start() {
        target = new KubernetesTarget(client);
        controller = Thread.ofPlatform().daemon().start(this::markReady);
    }

    @AfterEach
    void stop() throws InterruptedException {
        controller.interrupt();
        controller.join();
        target.undeploy("team", "bot");
    }

    private void markReady() {
        while (!Thread.currentThread().isInterrupted()) {
            if (podsBecomeReady) {
                for (Deployment d :
                        client.apps().deployments().inNamespace("team").list().getItems()) {
                    Integer want = d.getSpec().getReplicas();
                    if (d.getStatus() == null || !want.equals(d.getStatus().getReadyReplicas())) {
                        d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                                .withReadyReplicas(want)
                                .build());
                        try {
                            client.apps()
                                    .deployments()
                                    .inNamespace("team")
                                    .resource(d)
                                    .updateStatus();
                        } catch (RuntimeException raced) {
                            // Replaced meanwhile: next round.
                        }
                    }
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static ReleaseDeployment deployment(String canaryImage, int maxReplicas) {
        return deployment(canaryImage, maxReplicas, "{\"release\":{}}", null, null, null);
    }

    static ReleaseDeployment deployment(
            String canaryImage,
            int maxReplicas,
            String releaseJson,
            String evalSchedule,
            String evalSuite,
            String gateway) {
        return new ReleaseDeployment(
                "bot",
                "team",
                "registry.example/parapet/release:7",
                7,
                "sha256:" + "ab".repeat(32),
                releaseJson,
                4,
                "500m",
                "1Gi",
                "bot-keys",
                maxReplicas,
                true,
                false,
                canaryImage,
                25,
                evalSchedule,
                evalSuite,
                gateway);
    }

    private <T extends HasMetadata> List<String> names(Class<T> kind) {
        return client
                .resources(kind)
                .inNamespace("team")
                .withLabel(ReleaseManifests.DEPLOYMENT_LABEL, "bot")
                .list()
                .getItems()
                .stream()
                .map(o -> o.getMetadata().getName())
                .sorted()
                .toList();
    }

    @Test
    void a_deploy_creates_the_objects_a_canary_is_added_then_pruned_and_undeploy_leaves_nothing() {
        TargetStatus status = target.deploy(deployment(null, 0), Duration.ofSeconds(20));
        assertThat(status.state()).isEqualTo("ready");
        assertThat(status.ready()).isEqualTo(4);
        assertThat(status.endpoint()).isEqualTo("http://bot.team.svc");
        assertThat(names(Deployment.class)).containsExactly("bot");
        assertThat(names(Service.class)).containsExactly("bot");
        assertThat(names(ConfigMap.class)).containsExactly("bot-release");
        assertThat(names(HorizontalPodAutoscaler.class)).isEmpty();

        target.deploy(deployment("registry.example/parapet/release:8", 6), Duration.ofSeconds(20));
        assertThat(names(Deployment.class)).containsExactly("bot", "bot-canary");
        assertThat(client.apps()
                        .deployments()
                        .inNamespace("team")
                        .withName("bot-canary")
                        .get()
                        .getSpec()
                        .getReplicas())
                .as("25 % of 4")
                .isEqualTo(1);
        assertThat(names(HorizontalPodAutoscaler.class)).containsExactly("bot");

        target.deploy(deployment(null, 0), Duration.ofSeconds(20));
        assertThat(names(Deployment.class)).as("the canary is pruned").containsExactly("bot");
        assertThat(names(HorizontalPodAutoscaler.class)).isEmpty();

        target.undeploy("team", "bot");
        assertThat(names(Deployment.class)).isEmpty();
        assertThat(names(Service.class)).isEmpty();
        assertThat(names(ConfigMap.class)).isEmpty();
        assertThat(target.status("team", "bot").state()).isEqualTo("absent");
        target.undeploy("team", "bot"); // nothing left to remove: no error
    }

    @Test
    void with_the_gateway_api_a_canary_is_split_by_route_weights_and_without_it_by_replicas() {
        String canary = "registry.example/parapet/release:8";
        String json = "{\"release\":{}}";
        var withRoutes = new KubernetesTarget(client, true);
        try {
            withRoutes.deploy(deployment(canary, 0, json, null, null, "infra/public"), Duration.ofSeconds(20));
            HTTPRoute route = client.resources(HTTPRoute.class)
                    .inNamespace("team")
                    .withName("bot")
                    .get();
            assertThat(route.getSpec().getParentRefs().get(0).getNamespace()).isEqualTo("infra");
            assertThat(route.getSpec().getParentRefs().get(0).getName()).isEqualTo("public");
            assertThat(route.getSpec().getRules().get(0).getBackendRefs())
                    .extracting(b -> b.getName() + "=" + b.getWeight())
                    .containsExactly("bot-stable=75", "bot-canary=25");
            assertThat(names(Service.class)).containsExactly("bot", "bot-canary", "bot-stable");
            assertThat(client.services()
                            .inNamespace("team")
                            .withName("bot-canary")
                            .get()
                            .getSpec()
                            .getSelector())
                    .containsEntry(ReleaseManifests.TRACK_LABEL, "canary");

            withRoutes.deploy(deployment(null, 0, json, null, null, "infra/public"), Duration.ofSeconds(20));
            assertThat(client.resources(HTTPRoute.class)
                            .inNamespace("team")
                            .withName("bot")
                            .get()
                            .getSpec()
                            .getRules()
                            .get(0)
                            .getBackendRefs())
                    .extracting(b -> b.getName())
                    .as("the canary ended: one backend, the track Services pruned")
                    .containsExactly("bot");
            assertThat(names(Service.class)).containsExactly("bot");
        } finally {
            withRoutes.undeploy("team", "bot");
        }
        assertThat(names(HTTPRoute.class)).isEmpty();

        // A cluster without the Gateway API (the CRUD mock's discovery answers yes to any group, so this one is
        // told): no route, the replica ratio alone, and the status says so.
        var withoutRoutes = new KubernetesTarget(client, false);
        TargetStatus status =
                withoutRoutes.deploy(deployment(canary, 0, json, null, null, "infra/public"), Duration.ofSeconds(20));
        assertThat(status.state()).isEqualTo("ready");
        assertThat(status.reason()).contains("no Gateway API");
        assertThat(names(Service.class)).containsExactly("bot");
        assertThat(names(Deployment.class)).containsExactly("bot", "bot-canary");
    }

    @Test
    void two_deploys_at_once_both_land_and_leave_one_set_of_objects() throws Exception {
        var pool = Executors.newFixedThreadPool(2);
        try {
            Callable<TargetStatus> deploy = () -> target.deploy(deployment(null, 0), Duration.ofSeconds(20));
            var a = pool.submit(deploy);
            var b = pool.submit(deploy);
            assertThat(a.get().isReady()).isTrue();
            assertThat(b.get().isReady()).isTrue();
        } finally {
            pool.shutdown();
        }
        assertThat(names(Deployment.class)).containsExactly("bot");
        assertThat(names(Service.class)).containsExactly("bot");
    }

    @Test
    void a_model_server_gets_its_gpus_a_start_up_probe_long_enough_to_load_and_a_service() {
        var server = new ModelServer(
                "llm",
                "team",
                ModelServerKind.VLLM,
                "vllm/vllm-openai:v0.6.3",
                "meta-llama/Llama-3.1-8B-Instruct",
                1,
                "4",
                "24Gi",
                2,
                1200,
                List.of("--max-model-len", "8192"),
                "hf-token");
        try {
            TargetStatus status = target.deploy(server, Duration.ofSeconds(20));
            assertThat(status.isReady()).isTrue();
            Deployment d = client.apps()
                    .deployments()
                    .inNamespace("team")
                    .withName("llm")
                    .get();
            var pod = d.getSpec().getTemplate().getSpec();
            var c = pod.getContainers().get(0);
            assertThat(c.getImage()).isEqualTo("vllm/vllm-openai:v0.6.3");
            assertThat(c.getArgs())
                    .containsExactly(
                            "--model",
                            "meta-llama/Llama-3.1-8B-Instruct",
                            "--served-model-name",
                            "meta-llama/Llama-3.1-8B-Instruct",
                            "--port",
                            "8000",
                            "--tensor-parallel-size",
                            "2",
                            "--max-model-len",
                            "8192");
            assertThat(c.getResources()
                            .getLimits()
                            .get(ModelServerManifests.GPU)
                            .getAmount())
                    .isEqualTo("2");
            assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health");
            assertThat(c.getStartupProbe().getPeriodSeconds()
                            * c.getStartupProbe().getFailureThreshold())
                    .as("twenty minutes to load the weights")
                    .isEqualTo(1200);
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(c.getEnv()).anySatisfy(e -> {
                assertThat(e.getName()).isEqualTo("HF_TOKEN");
                assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("hf-token");
            });
            assertThat(pod.getTolerations())
                    .anySatisfy(t -> assertThat(t.getKey()).isEqualTo(ModelServerManifests.GPU));
            assertThat(d.getSpec()
                            .getStrategy()
                            .getRollingUpdate()
                            .getMaxSurge()
                            .getIntVal())
                    .as("no surge pod waiting for a GPU its predecessor holds")
                    .isZero();
            Service service =
                    client.services().inNamespace("team").withName("llm").get();
            assertThat(service.getSpec().getSelector()).containsEntry(ReleaseManifests.DEPLOYMENT_LABEL, "llm");
            assertThat(server.baseUrl()).isEqualTo("http://llm.team.svc/v1");
        } finally {
            target.undeploy("team", "llm");
        }
        assertThat(client.apps()
                        .deployments()
                        .inNamespace("team")
                        .withName("llm")
                        .get())
                .isNull();
        assertThat(client.services().inNamespace("team").withName("llm").get()).isNull();
    }

    @Test
    void an_ollama_server_pulls_its_model_after_start_without_splicing_it_into_the_script() {
        var server = new ModelServer(
                "chat",
                "team",
                ModelServerKind.OLLAMA,
                "ollama/ollama:0.3.12",
                "llama3.1:8b",
                1,
                "2",
                "8Gi",
                0,
                600,
                List.of(),
                null);
        var c = ((Deployment) server.objects().get(0))
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertThat(c.getArgs()).containsExactly("serve");
        assertThat(c.getLifecycle().getPostStart().getExec().getCommand())
                .last()
                .asString()
                .contains("\"$PARAPET_MODEL\"")
                .doesNotContain("llama3.1");
        assertThat(c.getResources().getLimits()).doesNotContainKey(ModelServerManifests.GPU);
        assertThat(c.getEnv()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("OLLAMA_MODELS"));
    }

    @Test
    void a_bad_model_server_is_refused_with_every_error() {
        var bad = new ModelServer(
                "LLM", "team", null, " ", "llama; rm -rf /", 0, "lots", "24Gi", 99, 5, List.of(), "Bad_Secret");
        assertThatThrownBy(bad::checked).isInstanceOfSatisfying(io.parapet.core.ParapetException.class, e -> assertThat(
                        e.errors().stream().map(io.parapet.core.FieldError::field))
                .containsExactlyInAnyOrder(
                        "name",
                        "modelServer.kind",
                        "image",
                        "modelServer.model",
                        "replicas",
                        "modelServer.gpus",
                        "modelServer.startupSeconds",
                        "modelServer.tokenSecret",
                        "cpu"));
    }

    @Test
    void a_deployment_that_never_becomes_ready_fails_with_the_reason_from_pods_and_events() {
        podsBecomeReady = false;
        client.pods()
                .inNamespace("team")
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("bot-5d9c-x1")
                        .addToLabels(ReleaseManifests.DEPLOYMENT_LABEL, "bot")
                        .endMetadata()
                        .withNewStatus()
                        .addNewCondition()
                        .withType("PodScheduled")
                        .withStatus("False")
                        .withMessage("0/3 nodes are available: 3 Insufficient memory.")
                        .endCondition()
                        .endStatus()
                        .build())
                .create();
        client.v1()
                .events()
                .inNamespace("team")
                .resource(new EventBuilder()
                        .withNewMetadata()
                        .withName("bot-5d9c-x1.1")
                        .endMetadata()
                        .withType("Warning")
                        .withReason("FailedScheduling")
                        .withMessage("pod has unbound immediate PersistentVolumeClaims")
                        .withNewInvolvedObject()
                        .withKind("Pod")
                        .withName("bot-5d9c-x1")
                        .endInvolvedObject()
                        .build())
                .create();

        assertThatThrownBy(() -> target.deploy(deployment(null, 0), Duration.ofSeconds(1)))
                .isInstanceOf(DeployFailure.class)
                .hasMessageContaining("not ready after 1 s")
                .hasMessageContaining("Insufficient memory")
                .hasMessageContaining("FailedScheduling");
        assertThat(target.status("team", "bot").state()).isEqualTo("progressing");
        client.pods().inNamespace("team").withName("bot-5d9c-x1").delete();
    }

    @Test
    void an_unreachable_cluster_is_a_failure_with_the_reason_and_a_retry_works_once_it_answers() {
        try (KubernetesClient nowhere = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder()
                        .withMasterUrl("https://127.0.0.1:1")
                        .withRequestRetryBackoffLimit(0)
                        .withConnectionTimeout(1000)
                        .withRequestTimeout(1000)
                        .build())
                .build()) {
            assertThatThrownBy(() -> new KubernetesTarget(nowhere).deploy(deployment(null, 0), Duration.ofSeconds(5)))
                    .isInstanceOf(DeployFailure.class)
                    .hasMessageContaining("could not be reached")
                    .satisfies(e ->
                            assertThat(((DeployFailure) e).status().state()).isEqualTo("failed"));
        }
        assertThat(target.deploy(deployment(null, 0), Duration.ofSeconds(20)).isReady())
                .isTrue();
    }

    @Test
    void the_manifests_target_writes_what_the_kubernetes_target_applies(@TempDir Path folder) throws Exception {
        ReleaseDeployment d = deployment("registry.example/parapet/release:8", 6);
        ManifestsTarget gitops = new ManifestsTarget(folder);
        assertThat(gitops.deploy(d, Duration.ZERO).state()).isEqualTo("rendered");
        target.deploy(d, Duration.ofSeconds(20));
        Path written = folder.resolve("team/bot");
        List<String> files;
        try (var list = Files.list(written)) {
            files = list.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertThat(files).contains(ManifestFiles.KUSTOMIZATION);
        int objects = 0;
        for (String file : files) {
            if (file.equals(ManifestFiles.KUSTOMIZATION)) {
                continue;
            }
            HasMetadata fromFile = ManifestFiles.read(Files.readString(written.resolve(file)));
            HasMetadata applied = client.resource(fromFile).inNamespace("team").get();
            assertThat(applied).as(file + " is on the cluster").isNotNull();
            assertThat(comparable(applied)).as(file).isEqualTo(comparable(fromFile));
            objects++;
        }
        assertThat(objects)
                .isEqualTo(names(Deployment.class).size()
                        + names(Service.class).size()
                        + names(ConfigMap.class).size()
                        + names(HorizontalPodAutoscaler.class).size()
                        + 1 /* PDB */);
        gitops.undeploy("team", "bot");
        assertThat(gitops.status("team", "bot").state()).isEqualTo("absent");
    }

    /** An object without what the API server adds (resourceVersion, uid, timestamps, status). */
    private static String comparable(HasMetadata o) {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode)
                io.parapet.core.Json.read(io.fabric8.kubernetes.client.utils.Serialization.asJson(o));
        node.remove("status");
        var meta = (com.fasterxml.jackson.databind.node.ObjectNode) node.get("metadata");
        for (String added : List.of("resourceVersion", "uid", "creationTimestamp", "generation", "managedFields")) {
            meta.remove(added);
        }
        return node.toString();
    }

    @Test
    void a_credential_from_a_secret_reaches_the_pods_as_the_variable_the_edge_gateway_reads() {
        ReleaseDeployment d = deployment(
                null,
                0,
                "{\"release\":{\"content\":{\"credentials\":{\"team/gpt-4o\":{\"secret\":\"openai\",\"key\":"
                        + "\"api-key\"},\"local\":{\"env\":\"LOCAL_KEY\"}}}}}",
                null,
                null,
                null);
        target.deploy(d, Duration.ofSeconds(20));
        var env = client.apps()
                .deployments()
                .inNamespace("team")
                .withName("bot")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getEnv();
        var credential = env.stream()
                .filter(e -> e.getName().equals("PARAPET_CREDENTIAL_TEAM_GPT_4O"))
                .findFirst();
        assertThat(credential).isPresent();
        assertThat(credential.get().getValueFrom().getSecretKeyRef().getName()).isEqualTo("openai");
        assertThat(credential.get().getValueFrom().getSecretKeyRef().getKey()).isEqualTo("api-key");
        assertThat(env).noneMatch(e -> e.getName().equals("LOCAL_KEY"));
    }

    @Test
    void a_scheduled_suite_is_a_cron_job_from_the_release_image() {
        ReleaseDeployment d = deployment(null, 0, "{\"release\":{}}", "0 3 * * *", "suite: {}", null);
        target.deploy(d, Duration.ofSeconds(20));
        CronJob job = client.batch()
                .v1()
                .cronjobs()
                .inNamespace("team")
                .list()
                .getItems()
                .getFirst();
        assertThat(job.getSpec().getSchedule()).isEqualTo("0 3 * * *");
        assertThat(job.getSpec()
                        .getJobTemplate()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getImage())
                .isEqualTo(d.image());
    }
}

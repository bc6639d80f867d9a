package io.parapet.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.server.ServerTestSupport;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/deployments} and {@code /api/v1/deploy-targets}: a release deployed to the local target comes up
 * as an edge gateway that answers with the chat key made for it (shown once), with its events, logs and audit
 * entries, and goes away on undeploy; bad specs, unknown releases and targets and wrong roles change nothing; two
 * publishers creating one deployment: one wins; admins configure clusters whose kubeconfig is never shown and whose
 * API server passes the outbound policy; an unreachable cluster fails the deployment with the reason, and a retry is
 * a new attempt; a GitOps target renders the files.
 */
@MicronautTest(environments = "postgres", transactional = false)
class DeploymentsIT extends ServerTestSupport {
    private static final Path JAR = Path.of("target/parapet.jar").toAbsolutePath();
    private static final String UNREACHABLE = "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n"
            + "    server: https://127.0.0.1:1\ncontexts:\n- name: x\n  context:\n    cluster: c\n    user: u\n"
            + "current-context: x\nusers:\n- name: u\n  user:\n    token: secret-cluster-token-123\n";

    private long release;
    private final String suffix = Long.toString(System.nanoTime() % 100000);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new java.util.HashMap<>(super.getProperties());
        p.put("parapet.deploy.local-jar", JAR.toString());
        return p;
    }

    @BeforeAll
    void release() {
        release = releaseOfEchoPrompt("dep/greeter");
    }

    private JsonNode awaitState(long id, String... states) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    last[0] = get("/api/v1/deployments/" + id, "viewer").json();
                    return List.of(states).contains(last[0].get("state").asText());
                });
        return last[0];
    }

    @Test
    void a_release_deployed_locally_answers_with_its_own_chat_key_and_goes_away_on_undeploy() throws Exception {
        long audits = auditTotal();
        Reply applied = post(
                "/api/v1/deployments",
                "publisher",
                "{\"name\":\"greeter-" + suffix + "\",\"release\":\"" + release + "\"}");
        assertThat(applied.status()).as(applied.body()).isEqualTo(202);
        assertThat(applied.json().get("state").asText()).isEqualTo("deploying");
        String chatKey = applied.json().get("chatKey").asText();
        assertThat(chatKey).startsWith("pk_");
        long id = applied.json().get("id").asLong();

        JsonNode ready = awaitState(id, "ready", "failed");
        assertThat(ready.get("state").asText()).as(ready.toString()).isEqualTo("ready");
        assertThat(ready.has("chatKey")).as("shown once").isFalse();
        String endpoint = ready.get("endpoint").asText();
        HttpResponse<String> chat = chat(endpoint, chatKey);
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(chat.headers().firstValue("x-parapet-prompt-version")).hasValue("dep/greeter#1");

        assertThat(get("/api/v1/deployments/" + id + "/events", "viewer").body())
                .contains("\"state\":\"deploying\"")
                .contains("\"state\":\"ready\"");
        assertThat(get("/api/v1/deployments/" + id + "/logs?lines=200", "publisher")
                        .body())
                .contains("Parapet edge gateway at");
        assertThat(get("/api/v1/deployments/" + id + "/logs", "viewer").status())
                .isEqualTo(403);
        assertThat(get("/api/v1/deployments/" + id + "/logs?lines=5000", "publisher")
                        .status())
                .isEqualTo(400);
        assertThat(auditTotal()).as("deployment.apply and deployment.ready").isEqualTo(audits + 2);
        var viewer = io.parapet.server.ui.UiClient.withKey(server.getURL().toString(), KEYS.get("viewer"));
        assertThat(viewer.get("/ui/deployments").body())
                .contains("id=\"deployment-link-" + id + "\"")
                .contains("state-ready");
        assertThat(viewer.get("/ui/deployments/" + id).body())
                .contains(endpoint)
                .contains("deploying");
        assertThat(viewer.get("/ui/deployments/999999").status()).isEqualTo(404);

        Reply removed = call("DELETE", "/api/v1/deployments/" + id, "publisher", null);
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("state").asText()).isEqualTo("removed");
        assertThatThrownBy(() -> chat(endpoint, chatKey)).isInstanceOf(ConnectException.class);
    }

    @Test
    void ci_deploys_and_reads_the_status_with_the_command_line() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        String[] remote = {"--server", server.getURL().toString(), "--key", KEYS.get("publisher")};
        int code = io.parapet.server.cli.DeployCli.run(
                concat(
                        new String[] {
                            "deploy",
                            "apply",
                            "--release",
                            String.valueOf(release),
                            "--name",
                            "cli-" + suffix,
                            "--timeout",
                            "120"
                        },
                        remote),
                new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("chat key (shown once): pk_").contains(": ready (release " + release);
        long id = Long.parseLong(out.toString().replaceAll("(?s).*deployment (\\d+) .*", "$1"));

        out.reset();
        assertThat(io.parapet.server.cli.DeployCli.run(
                        concat(new String[] {"deploy", "status", "--deployment", String.valueOf(id)}, remote),
                        new java.io.PrintStream(out, true),
                        new java.io.PrintStream(err, true)))
                .isZero();
        assertThat(out.toString()).contains("deploying").contains("ready");
        err.reset();
        assertThat(io.parapet.server.cli.DeployCli.run(
                        concat(new String[] {"deploy", "status", "--deployment", "999999"}, remote),
                        new java.io.PrintStream(out, true),
                        new java.io.PrintStream(err, true)))
                .isEqualTo(1);
        assertThat(err.toString()).contains("404");
        assertThat(io.parapet.server.cli.DeployCli.run(
                        concat(new String[] {"deploy", "apply", "--name", "x"}, remote),
                        new java.io.PrintStream(out, true),
                        new java.io.PrintStream(err, true)))
                .as("--release is required")
                .isEqualTo(2);
        assertThat(call("DELETE", "/api/v1/deployments/" + id, "publisher", null)
                        .status())
                .isEqualTo(200);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void bad_specs_unknown_releases_and_targets_and_wrong_roles_change_nothing() {
        long audits = auditTotal();
        String before = get("/api/v1/deployments?size=100", "viewer").body();
        Reply bad = post(
                "/api/v1/deployments",
                "publisher",
                "{\"name\":\"Not_A_Label\",\"release\":\"1\",\"replicas\":0,\"timeoutSeconds\":99999,"
                        + "\"image\":\"x\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body())
                .contains("\"name\"")
                .contains("\"replicas\"")
                .contains("\"timeoutSeconds\"")
                .contains("\"image\"");
        assertThat(post("/api/v1/deployments", "publisher", "{\"name\":\"x-" + suffix + "\",\"release\":\"999999\"}")
                        .status())
                .isEqualTo(404);
        assertThat(post(
                                "/api/v1/deployments",
                                "publisher",
                                "{\"name\":\"x-" + suffix + "\",\"release\":\"" + release + "\",\"target\":\"nope\","
                                        + "\"chatKeysSecret\":\"keys\"}")
                        .status())
                .isEqualTo(404);
        assertThat(post(
                                "/api/v1/deployments",
                                "editor",
                                "{\"name\":\"x-" + suffix + "\",\"release\":\"" + release + "\"}")
                        .status())
                .isEqualTo(403);
        assertThat(get("/api/v1/deployments/999999", "viewer").status()).isEqualTo(404);
        assertThat(get("/api/v1/deployments?size=100", "viewer").body()).isEqualTo(before);
        assertThat(auditTotal()).isEqualTo(audits);
    }

    @Test
    void two_publishers_creating_one_deployment_one_wins() throws Exception {
        String body = "{\"name\":\"race-" + suffix + "\",\"release\":\"" + release + "\",\"timeoutSeconds\":120}";
        var pool = Executors.newFixedThreadPool(4);
        List<Future<Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                replies.add(pool.submit((Callable<Reply>) () -> post("/api/v1/deployments", "publisher", body)));
            }
            List<Integer> statuses = new ArrayList<>();
            long id = 0;
            String key = null;
            for (Future<Reply> r : replies) {
                statuses.add(r.get().status());
                if (r.get().status() == 202) {
                    id = r.get().json().get("id").asLong();
                    key = r.get().json().get("chatKey").asText();
                }
            }
            assertThat(statuses).containsOnly(202, 409);
            assertThat(statuses.stream().filter(s -> s == 202).count()).isEqualTo(1);
            JsonNode ready = awaitState(id, "ready", "failed");
            assertThat(chat(ready.get("endpoint").asText(), key).statusCode())
                    .as("the winner's key is the one whose hash is stored")
                    .isEqualTo(200);
            assertThat(call("DELETE", "/api/v1/deployments/" + id, "publisher", null)
                            .status())
                    .isEqualTo(200);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void admins_configure_clusters_whose_kubeconfig_is_never_shown_and_an_unreachable_one_fails_with_the_reason() {
        String target = "cluster-" + suffix;
        Reply byPublisher = call(
                "PUT",
                "/api/v1/deploy-targets/" + target,
                "publisher",
                "{\"kind\":\"kubernetes\",\"kubeconfig\":" + io.parapet.core.Json.write(UNREACHABLE) + "}");
        assertThat(byPublisher.status()).isEqualTo(403);
        Reply metadata = call(
                "PUT",
                "/api/v1/deploy-targets/" + target,
                "admin",
                "{\"kind\":\"kubernetes\",\"kubeconfig\":"
                        + io.parapet.core.Json.write(
                                UNREACHABLE.replace("https://127.0.0.1:1", "http://169.254.169.254"))
                        + "}");
        assertThat(metadata.status())
                .as("the outbound policy refuses cloud metadata")
                .isEqualTo(400);
        assertThat(call(
                                "PUT",
                                "/api/v1/deploy-targets/" + target,
                                "admin",
                                "{\"kind\":\"kubernetes\",\"kubeconfig\":\"not: [a kubeconfig\"}")
                        .status())
                .isEqualTo(400);
        Reply huge = call(
                "PUT",
                "/api/v1/deploy-targets/" + target,
                "admin",
                "{\"kind\":\"kubernetes\",\"kubeconfig\":"
                        + io.parapet.core.Json.write(UNREACHABLE + "#".repeat(64 * 1024)) + "}");
        assertThat(huge.status()).as("a kubeconfig past 64 KiB").isEqualTo(400);
        assertThat(huge.body()).contains("at most 64 KiB");
        assertThat(get("/api/v1/deploy-targets", "viewer").body()).doesNotContain(target);
        assertThat(call("PUT", "/api/v1/deploy-targets/" + target, "admin", "{\"kind\":\"kubernetes\"}")
                        .body())
                .contains("kubeconfig");

        Reply saved = call(
                "PUT",
                "/api/v1/deploy-targets/" + target,
                "admin",
                "{\"kind\":\"kubernetes\",\"namespace\":\"team\",\"kubeconfig\":"
                        + io.parapet.core.Json.write(UNREACHABLE) + "}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("hasCredentials").asBoolean()).isTrue();
        assertThat(saved.body()).doesNotContain("secret-cluster-token-123");
        assertThat(get("/api/v1/deploy-targets", "viewer").body())
                .contains(target)
                .doesNotContain("secret-cluster-token-123");

        Reply applied = post(
                "/api/v1/deployments",
                "publisher",
                "{\"name\":\"far-" + suffix + "\",\"release\":\"" + release + "\",\"target\":\"" + target
                        + "\",\"image\":\"registry.example/parapet/release:1\",\"chatKeysSecret\":\"keys\","
                        + "\"timeoutSeconds\":5}");
        assertThat(applied.status()).as(applied.body()).isEqualTo(202);
        long id = applied.json().get("id").asLong();
        JsonNode failed = awaitState(id, "failed");
        assertThat(failed.get("reason").asText()).contains("could not be reached");

        Reply retried = post("/api/v1/deployments/" + id + "/retry", "publisher", null);
        assertThat(retried.status()).as(retried.body()).isEqualTo(202);
        awaitState(id, "failed");
        assertThat(get("/api/v1/deployments/" + id + "/events", "viewer").json().size())
                .as("deploying, failed, deploying, failed")
                .isEqualTo(4);
        assertThat(call("DELETE", "/api/v1/deploy-targets/" + target, "admin", null)
                        .status())
                .isEqualTo(204);
        assertThat(call("DELETE", "/api/v1/deploy-targets/" + target, "admin", null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void a_gitops_target_renders_the_deployment_as_files() throws Exception {
        Path folder = Files.createTempDirectory("parapet-gitops-");
        String target = gitopsTarget("gitops-" + suffix, folder);
        assertThat(call(
                                "PUT",
                                "/api/v1/deploy-targets/" + target,
                                "admin",
                                "{\"kind\":\"manifests\",\"folder\":\"relative/../path\"}")
                        .status())
                .isEqualTo(400);
        Reply applied = post(
                "/api/v1/deployments",
                "publisher",
                "{\"name\":\"rendered\",\"release\":\"" + release + "\",\"target\":\"" + target
                        + "\",\"image\":\"registry.example/parapet/release:1\",\"chatKeysSecret\":\"keys\"}");
        assertThat(applied.status()).as(applied.body()).isEqualTo(202);
        JsonNode done = awaitState(applied.json().get("id").asLong(), "rendered", "failed");
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("rendered");
        assertThat(folder.resolve("team/rendered/kustomization.yaml")).exists();
        assertThat(folder.resolve("team/rendered/deployment-rendered.yaml")).exists();

        String canary = "{\"name\":\"split\",\"release\":\"" + release + "\",\"target\":\"" + target
                + "\",\"image\":\"registry.example/parapet/release:1\",\"chatKeysSecret\":\"keys\",\"replicas\":10,"
                + "\"canaryImage\":\"registry.example/parapet/release:2\",\"canaryPercent\":%d,\"gateway\":\"%s\"}";
        Reply bad = post("/api/v1/deployments", "publisher", canary.formatted(150, "not a gateway"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"canaryPercent\"").contains("\"gateway\"");
        Reply split = post("/api/v1/deployments", "publisher", canary.formatted(10, "infra/public"));
        assertThat(split.status()).as(split.body()).isEqualTo(202);
        assertThat(awaitState(split.json().get("id").asLong(), "rendered", "failed")
                        .get("state")
                        .asText())
                .isEqualTo("rendered");
        assertThat(Files.readString(folder.resolve("team/split/httproute-split.yaml")))
                .contains("name: \"split-canary\"")
                .contains("weight: 10")
                .contains("weight: 90");
        assertThat(folder.resolve("team/split/deployment-split-canary.yaml")).exists();
    }

    @Test
    void a_model_server_is_rendered_with_its_gpus_and_registered_as_a_catalog_model() throws Exception {
        Path folder = Files.createTempDirectory("parapet-gitops-");
        String target = gitopsTarget("gpus-" + suffix, folder);
        String name = "llm-" + suffix;
        String catalog = "served/llama-" + suffix;
        long audits = auditTotal();
        String before = get("/api/v1/deployments?size=100", "viewer").body();
        Reply local = post(
                "/api/v1/deployments",
                "publisher",
                "{\"name\":\"" + name + "\",\"modelServer\":{\"kind\":\"vllm\",\"model\":\"m\"}}");
        assertThat(local.status()).isEqualTo(400);
        assertThat(local.body()).contains("\"target\"").contains("needs a cluster");
        Reply bad = post(
                "/api/v1/deployments",
                "publisher",
                "{\"name\":\"" + name + "\",\"target\":\"" + target + "\",\"release\":\"" + release + "\","
                        + "\"image\":\"vllm/vllm-openai\",\"modelServer\":{\"kind\":\"llamafile\",\"model\":\"m\"}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"release\"").contains("\"modelServer.kind\"");
        Reply tooMany = post(
                "/api/v1/deployments",
                "publisher",
                "{\"name\":\"" + name + "\",\"target\":\"" + target + "\",\"image\":\"vllm/vllm-openai\","
                        + "\"modelServer\":{\"kind\":\"vllm\",\"model\":\"m\",\"gpus\":99,\"startupSeconds\":1}}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("\"modelServer.gpus\"").contains("\"modelServer.startupSeconds\"");
        assertThat(get("/api/v1/deployments?size=100", "viewer").body()).isEqualTo(before);
        assertThat(auditTotal()).isEqualTo(audits);

        String spec = "{\"name\":\"" + name + "\",\"target\":\"" + target + "\",\"image\":\"vllm/vllm-openai:v0.6.3\","
                + "\"modelServer\":{\"kind\":\"vllm\",\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"gpus\":1,"
                + "\"catalogName\":\"" + catalog + "\"}}";
        for (int round = 0; round < 2; round++) {
            Reply applied = post("/api/v1/deployments", "publisher", spec);
            assertThat(applied.status()).as(applied.body()).isEqualTo(202);
            JsonNode done = awaitState(applied.json().get("id").asLong(), "rendered", "failed");
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("rendered");
            assertThat(done.get("serves").asText()).isEqualTo("vllm meta-llama/Llama-3.1-8B-Instruct");
            assertThat(done.get("endpoint").asText()).isEqualTo("http://" + name + ".team.svc/v1");
            assertThat(done.hasNonNull("reason")).as(done.toString()).isFalse();
        }
        String rendered = Files.readString(folder.resolve("team/" + name + "/deployment-" + name + ".yaml"));
        assertThat(rendered).contains("nvidia.com/gpu").contains("startupProbe").contains("failureThreshold: 90");
        assertThat(folder.resolve("team/" + name + "/service-" + name + ".yaml"))
                .exists();
        JsonNode model = get("/api/v1/models/" + catalog, "viewer").json();
        assertThat(model.get("provider").asText()).isEqualTo("openai");
        assertThat(model.get("modelId").asText()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(model.get("baseUrl").asText()).isEqualTo("http://" + name + ".team.svc/v1");
        assertThat(model.get("author").asText()).isEqualTo("deployer");
        assertThat(model.get("version").asInt())
                .as("applied twice, registered once")
                .isEqualTo(1);
    }

    /** A manifests target writing under {@code folder} for namespace {@code team}; its name. */
    private String gitopsTarget(String name, Path folder) {
        Reply made = call(
                "PUT",
                "/api/v1/deploy-targets/" + name,
                "admin",
                "{\"kind\":\"manifests\",\"namespace\":\"team\",\"folder\":\"" + folder + "\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        return name;
    }

    private static HttpResponse<String> chat(String endpoint, String key) throws Exception {
        return EdgeChat.send(endpoint, key, "dep/greeter@production", "hi");
    }
}

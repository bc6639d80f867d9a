package io.parapet.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.Json;
import io.parapet.deployer.rollout.RolloutDriver;
import io.parapet.server.ServerTestSupport;
import io.parapet.streaming.alerts.Alerts;
import io.parapet.streaming.monitor.Alert;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Rollouts over HTTP on PostgreSQL: a split label routes each caller to one side for good, steps widen the canary
 * without moving anyone back, the last step moves the label; alerts on the canary roll it back as the deployer;
 * refusals change nothing; racing publishers, one winner; a fresh process resumes a rollout from the database.
 * The driver's own loop looks only once an hour here, so each test decides when the analysis runs.
 */
@MicronautTest(environments = "postgres", transactional = false)
class RolloutsIT extends ServerTestSupport {
    private Map<String, String> shared;

    @Inject
    RolloutDriver driver;

    @Inject
    Alerts alerts;

    @Inject
    javax.sql.DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("parapet.rollouts.interval", "1h");
        shared = properties;
        return properties;
    }

    /** A prompt whose version 1 is production and version 2 the canary; each answers with its own system text. */
    private void prompt(String name) {
        for (String text : List.of("STABLE", "CANARY")) {
            Reply r = post("/api/v1/prompts/" + name + "/versions", "editor", textVersion(text));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        Reply label = call("PUT", "/api/v1/prompts/" + name + "/labels/production", "publisher", "{\"version\":1}");
        assertThat(label.status()).as(label.body()).isIn(200, 201);
    }

    @Test
    void ci_promotes_and_aborts_with_the_command_line_on_the_state_it_just_read() {
        prompt("roll/cli");
        Reply started = start(spec("roll/cli", "[{\"percent\":10},{\"percent\":50},{\"percent\":100}]"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String id = started.json().get("id").asText();
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        String[] remote = {"--server", server.getURL().toString(), "--key", KEYS.get("publisher")};
        String[] promote = {"deploy", "promote", "--rollout", id, remote[0], remote[1], remote[2], remote[3]};
        assertThat(io.parapet.server.cli.DeployCli.run(
                        promote, new java.io.PrintStream(out, true), new java.io.PrintStream(err, true)))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("roll/cli@production: progressing, step 1");
        String[] abort = {
            "deploy", "abort", "--rollout", id, "--reason", "bad tone", remote[0], remote[1], remote[2], remote[3]
        };
        assertThat(io.parapet.server.cli.DeployCli.run(
                        abort, new java.io.PrintStream(out, true), new java.io.PrintStream(err, true)))
                .isZero();
        assertThat(out.toString()).contains(": aborted");
        assertThat(get("/api/v1/rollouts/" + id, "viewer").json().get("reason").asText())
                .isEqualTo("bad tone");
        String page = io.parapet.server.ui.UiClient.withKey(server.getURL().toString(), KEYS.get("viewer"))
                .get("/ui/deployments")
                .body();
        assertThat(page)
                .contains("id=\"rollout-" + id + "\"")
                .contains("roll/cli")
                .contains("10 % → 50 %")
                .contains("bad tone");
        String[] asEditor = {
            "deploy", "abort", "--rollout", id, "--server", server.getURL().toString(), "--key", KEYS.get("editor")
        };
        assertThat(io.parapet.server.cli.DeployCli.run(
                        asEditor, new java.io.PrintStream(out, true), new java.io.PrintStream(err, true)))
                .isEqualTo(1);
        assertThat(err.toString()).contains("403");
    }

    @Test
    void publishers_promote_and_abort_on_the_deployments_page_beside_the_canarys_live_figures() throws Exception {
        prompt("roll/ui");
        long id = started("roll/ui", "[{\"percent\":10},{\"percent\":50},{\"percent\":100}]");
        Instant now = Instant.now();
        windowFigures("roll/ui#2", now, 40, 0.25, 0.05, 120);
        windowFigures("roll/ui#1", now, 360, 0.01, 0.02, 80);
        alerts.raise(new Alert(
                "ui1", "latency", "roll/ui#2", "1m", now, now.plusSeconds(60), 900, 500, 40, "p95 <b>slow</b>"));
        String base = server.getURL().toString();

        var viewer = io.parapet.server.ui.UiClient.withKey(base, KEYS.get("viewer"));
        String seen = viewer.get("/ui/deployments").body();
        assertThat(seen)
                .contains("id=\"figures-" + id + "\"")
                .contains("<td>40</td><td>360</td>")
                .contains("<td>25.0 %</td><td>1.0 %</td>")
                .contains("p95 &lt;b&gt;slow&lt;/b&gt;")
                .doesNotContain("<b>slow</b>")
                .doesNotContain("id=\"promote-" + id + "\"");
        var asViewer = viewer.post("/ui/deployments/rollouts/" + id, Map.of("action", "promote", "revision", "1"));
        assertThat(asViewer.status()).isEqualTo(403);

        var publisher = io.parapet.server.ui.UiClient.withKey(base, KEYS.get("publisher"));
        assertThat(publisher.get("/ui/deployments").body()).contains("id=\"promote-" + id + "\"");
        int revision =
                get("/api/v1/rollouts/" + id, "viewer").json().get("revision").asInt();
        var promoted = publisher.post(
                "/ui/deployments/rollouts/" + id, Map.of("action", "promote", "revision", "" + revision));
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(promoted.body()).contains("progressing, canary at 50 %");

        var stale = publisher.post(
                "/ui/deployments/rollouts/" + id, Map.of("action", "promote", "revision", "" + revision));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body()).contains("changed while you were looking; nothing was done");
        for (Map<String, String> bad :
                List.of(Map.of("action", "launch", "revision", "" + (revision + 1)), Map.of("action", "abort"))) {
            assertThat(publisher.post("/ui/deployments/rollouts/" + id, bad).status())
                    .as(bad.toString())
                    .isEqualTo(400);
        }
        assertThat(publisher
                        .post("/ui/deployments/rollouts/999999", Map.of("action", "abort", "revision", "1"))
                        .status())
                .isEqualTo(404);
        assertThat(get("/api/v1/rollouts/" + id, "viewer").json().get("percent").asInt())
                .as("refused forms change nothing")
                .isEqualTo(50);

        var aborted = publisher.post(
                "/ui/deployments/rollouts/" + id,
                Map.of("action", "abort", "revision", "" + (revision + 1), "reason", "latency on the canary"));
        assertThat(aborted.status()).as(aborted.body()).isEqualTo(200);
        JsonNode r = get("/api/v1/rollouts/" + id, "viewer").json();
        assertThat(r.get("state").asText()).isEqualTo("aborted");
        assertThat(r.get("reason").asText()).isEqualTo("latency on the canary");
        assertThat(aborted.body()).doesNotContain("id=\"abort-" + id + "\"");
        JsonNode audit =
                get("/api/v1/audit?action=rollout.aborted", "admin").json().get("items");
        assertThat(audit.get(0).get("actor").asText()).isNotEqualTo("deployer");
    }

    /** One closed one-minute window of a subject's figures, as the monitors store it. */
    private void windowFigures(String subject, Instant start, int count, double toxic, double blocked, double p95)
            throws java.sql.SQLException {
        var figures = Json.mapper()
                .createObjectNode()
                .put("subject", subject)
                .put("count", count)
                .put("toxicScored", count)
                .put("toxicRate", toxic)
                .put("blockRate", blocked)
                .put("errorRate", 0.0)
                .put("latencyP95Ms", p95);
        try (var c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource)
                        .getConnection();
                var insert = c.prepareStatement("INSERT INTO monitor_metric (subject, prompt, window_size,"
                        + " window_start, figures) VALUES (?, ?, '1m', ?, ?)")) {
            insert.setString(1, subject);
            insert.setString(2, subject.substring(0, subject.indexOf('#')));
            insert.setTimestamp(3, java.sql.Timestamp.from(start));
            insert.setString(4, Json.write(figures));
            insert.executeUpdate();
        }
    }

    private long started(String prompt, String steps) {
        Reply r = start(spec(prompt, steps));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private Reply start(String body) {
        return post("/api/v1/rollouts", "publisher", body);
    }

    private static String spec(String prompt, String steps) {
        return "{\"prompt\":\"" + prompt + "\",\"canaryVersion\":2,\"steps\":" + steps + "}";
    }

    /** The version that answered {@code user}'s chat with {@code prompt@production}. */
    private String answeredBy(String prompt, String user) {
        String body = "{\"model\":\"prompt:" + prompt + "@production\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"hi\"}]" + (user == null ? "" : ",\"user\":" + Json.write(user)) + "}";
        Reply r = call("POST", "/v1/chat/completions", "chat", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.header("x-parapet-prompt-version");
    }

    private List<String> canaryUsers(String prompt, int users) {
        List<String> onCanary = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            if (answeredBy(prompt, "user-" + i).endsWith("#2")) {
                onCanary.add("user-" + i);
            }
        }
        return onCanary;
    }

    @Test
    void steps_widen_a_sticky_canary_and_the_last_one_moves_the_label() {
        prompt("roll/a");
        long audits = auditTotal();
        Reply started = start(spec("roll/a", "[{\"percent\":10},{\"percent\":50},{\"percent\":100}]"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonNode r = started.json();
        long id = r.get("id").asLong();
        assertThat(r.get("state").asText()).isEqualTo("progressing");
        assertThat(r.get("percent").asInt()).isEqualTo(10);
        assertThat(r.get("stableVersion").asInt()).isEqualTo(1);
        assertThat(r.at("/steps/0/minDurationSeconds").asLong())
                .as("default 5m")
                .isEqualTo(300);
        assertThat(r.get("steps").size())
                .as("100 is the label move, not a step")
                .isEqualTo(2);
        assertThat(auditTotal()).as("rollout.started and label.split").isEqualTo(audits + 2);

        List<String> atTen = canaryUsers("roll/a", 300);
        assertThat(atTen.size())
                .as("about 10 %% of 300 callers: %s", atTen.size())
                .isBetween(15, 50);
        for (String user : atTen.subList(0, 5)) {
            assertThat(answeredBy("roll/a", user)).as("sticky").isEqualTo("roll/a#2");
        }
        String keyed = answeredBy("roll/a", null);
        assertThat(answeredBy("roll/a", null))
                .as("without a user id the key decides")
                .isEqualTo(keyed);

        Reply wider = call("POST", "/api/v1/rollouts/" + id + "/promote", "publisher", null, "If-Match", "\"1\"");
        assertThat(wider.status()).as(wider.body()).isEqualTo(200);
        assertThat(wider.json().get("percent").asInt()).isEqualTo(50);
        List<String> atFifty = canaryUsers("roll/a", 300);
        assertThat(atFifty).as("nobody on the canary goes back").containsAll(atTen);
        assertThat(atFifty.size()).isBetween(120, 180);

        Reply done = call("POST", "/api/v1/rollouts/" + id + "/promote", "publisher", null);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("state").asText()).isEqualTo("promoted");
        assertThat(canaryUsers("roll/a", 50)).hasSize(50);
        JsonNode label =
                get("/api/v1/prompts/roll/a/labels/production", "viewer").json();
        assertThat(label.get("version").asInt()).isEqualTo(2);
        JsonNode history = get("/api/v1/rollouts/" + id, "viewer").json().get("events");
        assertThat(history.findValuesAsText("kind")).containsExactly("started", "stepped", "promoted");
        assertThat(history.get(2).get("actor").asText()).isEqualTo("publisher-key");
        assertThat(call("POST", "/api/v1/rollouts/" + id + "/abort", "publisher", "{}")
                        .status())
                .as("an ended rollout cannot change")
                .isEqualTo(409);
    }

    @Test
    void bad_rollouts_are_refused_with_every_error_and_change_nothing() {
        prompt("roll/bad");
        long audits = auditTotal();
        Reply bad = start("{\"prompt\":\"roll/bad\",\"steps\":[{\"percent\":50},{\"percent\":20,"
                + "\"minDuration\":\"soon\"},{\"percent\":120,\"minSamples\":-1}],\"watch\":[\"vibes\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsText("field"))
                .contains(
                        "canaryVersion",
                        "steps[1].percent",
                        "steps[1].minDuration",
                        "steps[2].percent",
                        "steps[2].minSamples",
                        "watch");
        assertThat(start(spec("roll/bad", "[{\"percent\":100}]")).status()).isEqualTo(400);
        assertThat(start(spec("roll/bad", "[]")).status()).isEqualTo(400);
        assertThat(start("{\"prompt\":\"roll/bad\",\"canaryVersion\":1,\"steps\":[{\"percent\":10}]}")
                        .status())
                .as("the canary is the stable version")
                .isEqualTo(400);
        assertThat(start("{\"prompt\":\"roll/bad\",\"canaryVersion\":9,\"steps\":[{\"percent\":10}]}")
                        .status())
                .isEqualTo(404);
        assertThat(start(spec("roll/nothing", "[{\"percent\":10}]")).status()).isEqualTo(404);
        assertThat(start(
                                "{\"prompt\":\"roll/bad\",\"label\":\"nolabel\",\"canaryVersion\":2,\"steps\":[{\"percent\":10}]}")
                        .status())
                .isEqualTo(404);
        assertThat(post("/api/v1/rollouts", "editor", spec("roll/bad", "[{\"percent\":10}]"))
                        .status())
                .isEqualTo(403);
        assertThat(get("/api/v1/rollouts/999999", "viewer").status()).isEqualTo(404);
        assertThat(get("/api/v1/rollouts?state=sideways", "viewer").status()).isEqualTo(400);
        assertThat(auditTotal()).as("nothing was recorded").isEqualTo(audits);
        assertThat(get("/api/v1/rollouts?prompt=roll/bad", "viewer")
                        .json()
                        .get("total")
                        .asInt())
                .isZero();
        assertThat(answeredBy("roll/bad", "anyone")).isEqualTo("roll/bad#1");

        StringBuilder many = new StringBuilder("[");
        for (int i = 1; i <= 21; i++) {
            many.append(i == 1 ? "" : ",").append("{\"percent\":").append(i).append('}');
        }
        Reply tooMany = start(spec("roll/bad", many.append(']').toString()));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("at most 20");
        assertThat(start(spec("roll/bad", "[{\"percent\":10,\"minDuration\":\"8d\"}]"))
                        .status())
                .as("a step of more than 7 days")
                .isEqualTo(400);
        assertThat(auditTotal()).isEqualTo(audits);

        Reply started = start(spec("roll/bad", "[{\"percent\":10}]"));
        assertThat(started.status()).isEqualTo(201);
        Reply second = start(spec("roll/bad", "[{\"percent\":20}]"));
        assertThat(second.status()).as("one rollout per label").isEqualTo(409);
        Reply aborted = post(
                "/api/v1/rollouts/" + started.json().get("id").asLong() + "/abort",
                "publisher",
                "{\"reason\":" + Json.write("x".repeat(10_000)) + "}");
        assertThat(aborted.json().get("reason").asText())
                .as("a reason is kept bounded")
                .hasSize(2000);
    }

    @Test
    void of_publishers_promoting_at_once_exactly_one_wins() throws Exception {
        prompt("roll/race");
        long id = start(spec("roll/race", "[{\"percent\":10},{\"percent\":20},{\"percent\":30},{\"percent\":40}]"))
                .json()
                .get("id")
                .asLong();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> call("POST", "/api/v1/rollouts/" + id + "/promote", "publisher", null, "If-Match", "1")
                        .status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 409 || s == 412);
        } finally {
            pool.shutdown();
        }
        JsonNode r = get("/api/v1/rollouts/" + id, "viewer").json();
        assertThat(r.get("percent").asInt()).isEqualTo(20);
        assertThat(r.get("revision").asInt()).isEqualTo(2);
    }

    @Test
    void an_alert_on_the_canary_rolls_it_back_as_the_deployer_and_tells_the_webhooks() {
        prompt("roll/bad-canary");
        long id = started("roll/bad-canary", "[{\"percent\":10,\"minSamples\":0}]");
        Instant now = Instant.now();
        // An alert on the stable version, and one of a monitor the rollout does not watch: neither matters.
        alerts.raise(
                new Alert("t1", "toxicity", "roll/bad-canary#1", "1m", now, now.plusSeconds(60), 0.5, 0.2, 10, "s"));
        driver.checkAll();
        assertThat(get("/api/v1/rollouts/" + id, "viewer").json().get("state").asText())
                .isEqualTo("progressing");

        alerts.raise(new Alert(
                "t2", "toxicity", "roll/bad-canary#2", "1m", now, now.plusSeconds(60), 0.6, 0.2, 10, "6 of 10 toxic"));
        driver.checkAll();
        JsonNode r = get("/api/v1/rollouts/" + id, "viewer").json();
        assertThat(r.get("state").asText()).isEqualTo("rolled_back");
        assertThat(r.get("updatedBy").asText()).isEqualTo("deployer");
        assertThat(r.get("reason").asText()).contains("toxicity").contains("6 of 10 toxic");
        assertThat(canaryUsers("roll/bad-canary", 60))
                .as("everyone is back on the stable version")
                .isEmpty();
        JsonNode audit =
                get("/api/v1/audit?action=rollout.rolled_back", "admin").json().get("items");
        assertThat(audit.get(0).get("actor").asText()).isEqualTo("deployer");
        JsonNode notice =
                get("/api/v1/alerts?monitor=rollout-rollback", "viewer").json().get("items");
        assertThat(notice.get(0).get("subject").asText()).isEqualTo("roll/bad-canary#2");
        assertThat(get("/api/v1/prompts/roll/bad-canary/labels/production", "viewer")
                        .json()
                        .get("version")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void steps_that_pass_their_analysis_advance_by_themselves() {
        prompt("roll/auto");
        long id = start(spec(
                        "roll/auto",
                        "[{\"percent\":10,\"minDuration\":\"0s\",\"minSamples\":0},"
                                + "{\"percent\":60,\"minDuration\":\"1h\",\"minSamples\":0}]"))
                .json()
                .get("id")
                .asLong();
        driver.checkAll();
        JsonNode r = get("/api/v1/rollouts/" + id, "viewer").json();
        assertThat(r.get("percent").asInt()).isEqualTo(60);
        assertThat(r.at("/events/1/actor").asText()).isEqualTo("deployer");
        driver.checkAll();
        assertThat(get("/api/v1/rollouts/" + id, "viewer").json().get("percent").asInt())
                .as("an hour has not passed")
                .isEqualTo(60);

        // Someone moves the label by hand: the rollout is over, and says why.
        Reply moved = call(
                "PUT",
                "/api/v1/prompts/roll/auto/labels/production",
                "publisher",
                "{\"version\":2}",
                "If-Match",
                get("/api/v1/prompts/roll/auto/labels/production", "viewer").header("ETag"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        driver.checkAll();
        r = get("/api/v1/rollouts/" + id, "viewer").json();
        assertThat(r.get("state").asText()).isEqualTo("aborted");
        assertThat(r.get("reason").asText()).contains("by hand");
    }

    @Test
    void a_fresh_process_resumes_a_rollout_from_the_database() {
        prompt("roll/resume");
        long id = start(spec(
                        "roll/resume",
                        "[{\"percent\":10,\"minDuration\":\"0s\",\"minSamples\":0},"
                                + "{\"percent\":40,\"minDuration\":\"0s\",\"minSamples\":0}]"))
                .json()
                .get("id")
                .asLong();
        Map<String, Object> other = new HashMap<>(shared);
        other.put("micronaut.server.enabled", "false");
        other.put("parapet.rollouts.interval", "200ms");
        try (ApplicationContext context = ApplicationContext.builder(other)
                .environments("postgres")
                .deduceEnvironment(false)
                .start()) {
            context.getBean(RolloutDriver.class).start();
            await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> get("/api/v1/rollouts/" + id, "viewer")
                                    .json()
                                    .get("state")
                                    .asText(),
                            "promoted"::equals);
        }
        assertThat(answeredBy("roll/resume", "anyone")).isEqualTo("roll/resume#2");
    }

    @Test
    void a_too_long_user_id_is_refused() {
        prompt("roll/u");
        String body = "{\"model\":\"prompt:roll/u@production\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"user\":\"" + "x".repeat(300) + "\"}";
        Reply r = call("POST", "/v1/chat/completions", "chat", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("user");
    }
}

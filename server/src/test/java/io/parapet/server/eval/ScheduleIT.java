package io.parapet.server.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Scheduled evaluations with two servers on one database: a due tick starts exactly one run, a missed tick is
 * skipped or run once by the catch-up policy, a tick is skipped while the previous run still goes, a run under the
 * threshold raises an alert, and a bad cron is a 400 naming the field.
 */
@MicronautTest(environments = "postgres", transactional = false)
class ScheduleIT extends EvalTestSupport {
    @Inject
    ApplicationContext context;

    @Inject
    DataSource dataSource;

    private static final String EVALUATORS = "[{\"name\":\"regex\",\"config\":{\"pattern\":\"^Where is my order\"}}]";

    private Reply schedule(String name, String cron, String catchUp, double minPassRate, String prompt) {
        return call(
                "PUT",
                "/api/v1/eval/schedules/" + name,
                "editor",
                "{\"prompt\":\"" + prompt
                        + "\",\"dataset\":\"eval/faq\",\"evaluators\":" + EVALUATORS + ",\"cron\":\"" + cron
                        + "\",\"catchUp\":\"" + catchUp + "\",\"minPassRate\":" + minPassRate + "}");
    }

    /** As if the schedule had been made while no server ran: its ticks since then are due at once. */
    private void backdate(String name, Duration by) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                var s = c.prepareStatement("UPDATE eval_schedule SET created_at = ? WHERE name = ?")) {
            s.setTimestamp(1, java.sql.Timestamp.from(Instant.now().minus(by)));
            s.setString(2, name);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private int count(String sql) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                var s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    void should_start_each_tick_once_across_two_servers_and_follow_the_catch_up_policy() throws Exception {
        assertThat(call("PUT", "/api/v1/prompts/eval/bot/labels/nightly", "editor", "{\"version\":1}")
                        .status())
                .isEqualTo(200);
        Map<String, Object> same = new HashMap<>();
        for (String key : new String[] {
            "datasources.default.url",
            "datasources.default.username",
            "datasources.default.password",
            "datasources.default.driver-class-name",
            "datasources.default.dialect",
            "parapet.master-key",
            "parapet.outbound.allowed-private-networks",
            "parapet.eval.runner.poll"
        }) {
            same.put(key, context.getProperty(key, String.class).orElseThrow());
        }
        same.put("micronaut.server.port", -1);
        same.put("flyway.datasources.default.enabled", "false");
        try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, same, "postgres")) {
            assertThat(second.isRunning()).isTrue();
            assertThat(schedule("sched/once", "* * * * *", "run-once", 1, "eval/bot@nightly")
                            .status())
                    .isEqualTo(200);
            backdate("sched/once", Duration.ofMinutes(5));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> count(
                                    "SELECT COUNT(*) FROM eval_schedule_tick t JOIN eval_schedule s ON s.id = t.schedule_id"
                                            + " WHERE s.name = 'sched/once' AND t.outcome = 'started'")
                            == 1);
            JsonNode once = get("/api/v1/eval/schedules/sched/once", "viewer").json();
            assertThat(once.get("ticks"))
                    .as("the latest missed tick, once, by one of the two servers")
                    .hasSize(1);
            assertThat(once.at("/ticks/0/reason").asText()).contains("earlier missed tick(s) not run");
            long run = once.at("/ticks/0/run").asLong();
            assertThat(finished(run).get("status").asText()).isEqualTo("completed");

            // Hourly at the minute half an hour from now: its latest tick was about 30 minutes ago, so it was missed.
            int minute = (java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).getMinute() + 30) % 60;
            assertThat(schedule("sched/skip", minute + " * * * *", "skip", 1, "eval/bot@nightly")
                            .status())
                    .isEqualTo(200);
            backdate("sched/skip", Duration.ofHours(3));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonNode ticks = get("/api/v1/eval/schedules/sched/skip", "viewer")
                        .json()
                        .get("ticks");
                // claimed ("starting"), then settled
                return ticks.size() == 1 && !ticks.at("/0/outcome").asText().equals("starting");
            });
            JsonNode skipped =
                    get("/api/v1/eval/schedules/sched/skip", "viewer").json();
            assertThat(skipped.at("/ticks/0/outcome").asText())
                    .as(skipped.toString())
                    .isEqualTo("skipped");
            assertThat(skipped.at("/ticks/0/reason").asText()).contains("catchUp: skip");
            assertThat(skipped.at("/ticks/0/run").isNull()
                            || skipped.at("/ticks/0/run").isMissingNode())
                    .isTrue();

            // The next real tick (at most a minute away) starts on time, once, though two servers look. It is read
            // now, after the catch-up run finished: a tick that came while that run went was skipped as an overlap.
            Instant next = Instant.parse(get("/api/v1/eval/schedules/sched/once", "viewer")
                    .json()
                    .get("nextTick")
                    .asText());
            await().atMost(Duration.ofSeconds(75))
                    .until(() -> count(
                                    "SELECT COUNT(*) FROM eval_schedule_tick t JOIN eval_schedule s ON s.id = t.schedule_id"
                                            + " WHERE s.name = 'sched/once' AND t.tick_at = '" + next + "'"
                                            + " AND t.outcome <> 'starting'") // claimed, then its run made
                            == 1);
            JsonNode onTime =
                    get("/api/v1/eval/schedules/sched/once", "viewer").json().at("/ticks/0");
            assertThat(onTime.get("outcome").asText()).isEqualTo("started");
            JsonNode started = get("/api/v1/eval/runs/" + onTime.get("run").asLong(), "viewer")
                    .json();
            Duration late = Duration.between(
                    next, Instant.parse(started.get("createdAt").asText()));
            System.out.println("schedule tick to run created: " + late.toMillis() + " ms");
            assertThat(late).as("a tick starts its run promptly").isLessThan(Duration.ofSeconds(5));
            // One run per started tick, whatever minutes turned while the test ran, though two servers looked.
            int startedTicks = count("SELECT COUNT(*) FROM eval_schedule_tick t JOIN eval_schedule s"
                    + " ON s.id = t.schedule_id WHERE s.name = 'sched/once' AND t.outcome = 'started'");
            assertThat(startedTicks).isGreaterThanOrEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM eval_run WHERE created_by = 'schedule:sched/once'"))
                    .isEqualTo(startedTicks);
            assertThat(count("SELECT COUNT(DISTINCT run_id) FROM eval_schedule_tick WHERE run_id IS NOT NULL"
                            + " AND schedule_id = (SELECT id FROM eval_schedule WHERE name = 'sched/once')"))
                    .isEqualTo(startedTicks);
        }
    }

    @Test
    void should_alert_when_a_scheduled_run_is_under_its_threshold() throws Exception {
        assertThat(call("PUT", "/api/v1/prompts/eval/bot/labels/canary", "editor", "{\"version\":2}")
                        .status())
                .isEqualTo(200);
        assertThat(schedule("sched/alert", "* * * * *", "run-once", 0.9, "eval/bot@canary")
                        .status())
                .isEqualTo(200);
        backdate("sched/alert", Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        get("/api/v1/alerts?prompt=eval/bot", "viewer").body().contains("eval:threshold"));
        JsonNode alert = get("/api/v1/alerts?prompt=eval/bot", "viewer").json().at("/items/0");
        assertThat(alert.get("message").asText())
                .contains("scheduled evaluation 'sched/alert'")
                .contains("0.0 %");
    }

    @Test
    void should_refuse_bad_schedules_with_the_field() {
        long audits = auditTotal();
        Reply cron = schedule("sched/bad", "every day", "skip", 1, "eval/bot@nightly");
        assertThat(cron.status()).isEqualTo(400);
        assertThat(cron.json().at("/errors/0/field").asText()).isEqualTo("cron");
        assertThat(schedule("sched/bad", "61 * * * *", "skip", 1, "eval/bot@nightly")
                        .json()
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("cron");
        assertThat(schedule("sched/bad", "0 3 * * *", "sometimes", 1, "eval/bot@nightly")
                        .json()
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("catchUp");
        assertThat(schedule("sched/bad", "0 3 * * *", "skip", 1, "eval/bot#1")
                        .json()
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("prompt");
        assertThat(call("PUT", "/api/v1/eval/schedules/sched/bad", "viewer", "{}")
                        .status())
                .isEqualTo(403);
        assertThat(get("/api/v1/eval/schedules/sched/bad", "viewer").status()).isEqualTo(404);
        assertThat(auditTotal()).isEqualTo(audits);
    }
}

package io.parapet.server.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/**
 * Promotion gates: a gated label does not move without a passing run of the suite (409 naming the gate and the
 * run), moves after one, refuses a significant regression against where it points, and lets an admin's audited
 * override through once.
 */
@MicronautTest(environments = "postgres", transactional = false)
class GateIT extends EvalTestSupport {
    private static final String GATE = "/api/v1/prompts/eval/bot/labels/production/gate";
    private static final String EVALUATORS =
            "[{\"name\":\"regex\",\"config\":{\"pattern\":\"^Where is my order\"}},{\"name\":\"latency\","
                    + "\"config\":{\"max\":10000}}]";

    private Reply move(int version, String revision) {
        return revision == null
                ? call(
                        "PUT",
                        "/api/v1/prompts/eval/bot/labels/production",
                        "publisher",
                        "{\"version\":" + version + "}")
                : call(
                        "PUT",
                        "/api/v1/prompts/eval/bot/labels/production",
                        "publisher",
                        "{\"version\":" + version + "}",
                        "If-Match",
                        revision);
    }

    private long runSuite(int version) {
        long id = start(spec("eval/bot#" + version, "")).get("id").asLong();
        assertThat(finished(id).get("status").asText()).isEqualTo("completed");
        return id;
    }

    @Test
    void should_hold_a_gated_label_until_a_passing_run_refuse_a_regression_and_let_an_override_through() {
        String gate =
                "{\"dataset\":\"eval/faq\",\"evaluators\":" + EVALUATORS + ",\"minPassRate\":0,\"maxAgeMinutes\":60}";
        assertThat(call("PUT", GATE, "editor", gate).status())
                .as("editors do not set gates")
                .isEqualTo(403);
        assertThat(call("PUT", GATE, "publisher", gate.replace("\"minPassRate\":0", "\"minPassRate\":2"))
                        .json()
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("minPassRate");
        assertThat(call("PUT", GATE, "publisher", gate.replace("regex", "nope")).status())
                .isEqualTo(400);
        assertThat(call("PUT", GATE, "publisher", gate.replace("eval/faq", "eval/none"))
                        .status())
                .isEqualTo(404);
        Reply set = call("PUT", GATE, "publisher", gate);
        assertThat(set.status()).as(set.body()).isEqualTo(200);

        Reply refused = move(1, null);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText())
                .contains("'eval/bot@production' is gated on suite eval/faq")
                .contains("no completed run of eval/bot#1 on eval/faq#1");
        assertThat(get("/api/v1/prompts/eval/bot/labels/production", "viewer").status())
                .as("nothing moved")
                .isEqualTo(404);

        var ui = io.parapet.server.ui.UiClient.withKey(server.getURL().toString(), KEYS.get("publisher"));
        String promote = "/ui/prompt/promote?name=eval/bot&label=production&version=1";
        assertThat(ui.get(promote).body())
                .as("the promote page shows the gate holding")
                .contains("id=\"gate-state\"")
                .contains("✘ holds: no completed run of eval/bot#1")
                .contains("disabled aria-describedby=\"disabled-reason\"");

        long good = runSuite(1);
        assertThat(ui.get(promote).body()).contains("✔ passes: run " + good + " passed");
        JsonNode status = get(GATE + "?version=1", "viewer").json();
        assertThat(status.at("/check/passed").asBoolean()).as(status.toString()).isTrue();
        assertThat(status.at("/check/run").asLong()).isEqualTo(good);
        assertThat(move(1, null).status()).isEqualTo(200);

        long bad = runSuite(2);
        Reply worse = move(2, "1");
        assertThat(worse.status()).as(worse.body()).isEqualTo(409);
        assertThat(worse.json().get("detail").asText())
                .contains("run " + bad + " is significantly worse than run " + good)
                .contains("40 items regressed");
        assertThat(get(GATE + "?version=2", "viewer")
                        .json()
                        .at("/check/baselineRun")
                        .asLong())
                .isEqualTo(good);

        long audits = auditTotal();
        String override = GATE + "/override";
        assertThat(post(override, "publisher", "{\"version\":2,\"reason\":\"hotfix\"}")
                        .status())
                .isEqualTo(403);
        assertThat(post(override, "admin", "{\"version\":2}")
                        .json()
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("reason");
        assertThat(auditTotal()).isEqualTo(audits);
        assertThat(post(override, "admin", "{\"version\":2,\"reason\":\"legal asked for the apology\"}")
                        .status())
                .isEqualTo(201);
        assertThat(move(2, "1").status())
                .as("the override lets this one move through")
                .isEqualTo(200);
        assertThat(move(1, "2").status()).as("back to the passing version").isEqualTo(200);
        assertThat(move(2, "3").status()).as("an override is used once").isEqualTo(409);
        JsonNode trail =
                get("/api/v1/audit?target=eval/bot@production&size=20", "admin").json();
        assertThat(trail.toString())
                .contains("eval.gate.set")
                .contains("eval.gate.override")
                .contains("legal asked for the apology")
                .contains("eval.gate.overridden");

        assertThat(call("DELETE", GATE, "editor", null).status()).isEqualTo(403);
        assertThat(call("DELETE", GATE, "publisher", null).status()).isEqualTo(204);
        assertThat(move(2, "3").status()).as("no gate, no check").isEqualTo(200);
    }
}

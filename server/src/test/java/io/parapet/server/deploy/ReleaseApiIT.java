package io.parapet.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.server.ServerTestSupport;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Releases over HTTP: what a release pins (prompt, model and fallback, policy versions; credential references, never
 * credentials), content addressing, diffs, publisher-only creation with an audit entry, refusals that change
 * nothing, racing publishers, and rows the database will not let change.
 */
@MicronautTest(environments = "postgres", transactional = false)
class ReleaseApiIT extends ServerTestSupport {
    private static final String BOT = "{\"messages\":[{\"role\":\"user\",\"content\":\"{{q}}\"}],\"model\":{\"name\":"
            + "\"rel-gpt\",\"fallbacks\":[\"rel-backup\"]},\"guardrails\":\"rel/policy@production\",\"commitMessage\":\"MSG\","
            + "\"labels\":[\"production\"]}";

    @Inject
    DataSource dataSource;

    @BeforeAll
    void catalog() {
        model("rel-gpt", ",\"credential\":\"sk-very-secret-123\"");
        model("rel-backup", "");
        Reply policy = post(
                "/api/v1/guardrails/policies/rel/policy/versions",
                "publisher",
                "{\"commitMessage\":\"c\",\"labels\":[\"production\"],\"policy\":{\"scanners\":[{\"type\":"
                        + "\"banned-patterns\",\"action\":\"block\",\"config\":{\"substrings\":[\"zzz\"]}}]}}");
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        assertThat(post("/api/v1/prompts/rel/bot/versions", "publisher", BOT.replace("MSG", "one"))
                        .status())
                .isEqualTo(201);
        assertThat(post("/api/v1/prompts/rel/faq/versions", "editor", "{\"template\":\"FAQ\",\"commitMessage\":\"c\"}")
                        .status())
                .isEqualTo(201);
    }

    private void model(String name, String extra) {
        Reply r = post(
                "/api/v1/models/" + name + "/versions",
                "admin",
                "{\"provider\":\"openai\",\"modelId\":\"gpt-4o-mini\",\"commitMessage\":\"c\"" + extra + "}");
        assertThat(r.status()).as(r.body()).isIn(200, 201);
    }

    private Reply release(String role, String body) {
        return post("/api/v1/releases", role, body);
    }

    private static final String SPEC = "{\"prompts\":[\"rel/bot@production\",\"rel/faq#1\"],\"description\":\"first\","
            + "\"credentials\":{\"rel-gpt\":{\"secret\":\"openai\",\"key\":\"api-key\"}}}";

    @Test
    void a_release_pins_every_version_it_serves_and_the_same_content_is_the_same_release() {
        long audits = auditTotal();
        Reply made = release("publisher", SPEC);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        JsonNode r = made.json();
        assertThat(r.get("digest").asText()).matches("sha256:[0-9a-f]{64}");
        JsonNode bot = r.at("/content/prompts/0");
        assertThat(bot.get("name").asText()).isEqualTo("rel/bot");
        assertThat(bot.get("from").asText()).isEqualTo("rel/bot@production");
        assertThat(bot.get("models").toString()).isEqualTo("[\"rel-gpt#1\",\"rel-backup#1\"]");
        assertThat(bot.get("policy").asText()).isEqualTo("rel/policy#1");
        assertThat(r.at("/content/prompts/1/models/0").asText())
                .as("no model: echo")
                .startsWith("echo#");
        assertThat(r.at("/content/policies/0/contentHash").asText()).hasSize(64);
        assertThat(r.at("/content/credentials/rel-gpt/secret").asText()).isEqualTo("openai");
        assertThat(r.at("/content/platform").asText()).isNotBlank().isNotEqualTo("unknown");
        assertThat(made.body())
                .as("a release holds references, never credentials")
                .doesNotContain("sk-very-secret");
        assertThat(auditTotal()).isEqualTo(audits + 1);

        Reply again = release("publisher", SPEC);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(r.get("id").asLong());
        assertThat(auditTotal()).isEqualTo(audits + 1);
        assertThat(get("/api/v1/releases/" + r.get("digest").asText(), "viewer")
                        .json()
                        .get("id")
                        .asLong())
                .isEqualTo(r.get("id").asLong());
    }

    @Test
    void a_diff_names_what_moved_between_two_releases() {
        model("rel-diffback", "");
        String diffbot = BOT.replace("rel-backup", "rel-diffback");
        assertThat(post("/api/v1/prompts/rel/diffbot/versions", "publisher", diffbot.replace("MSG", "one"))
                        .status())
                .isEqualTo(201);
        long first = release("publisher", SPEC.replace("rel/bot@production", "rel/diffbot@production"))
                .json()
                .get("id")
                .asLong();
        model("rel-diffback", ",\"baseUrl\":\"https://api.openai.com/v2\"");
        assertThat(post(
                                "/api/v1/prompts/rel/diffbot/versions",
                                "publisher",
                                diffbot.replace("MSG", "two").replace("{{q}}", "Q: {{q}}"))
                        .status())
                .isEqualTo(201);
        Reply second = release(
                "publisher",
                "{\"prompts\":[\"rel/diffbot@production\"],\"credentials\":{\"rel-gpt\":{\"env\":\"OPENAI_KEY\"}}}");
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        JsonNode diff = get(
                        "/api/v1/releases/" + first + "/diff/"
                                + second.json().get("id").asLong(),
                        "viewer")
                .json();
        String changes = diff.get("changes").toString();
        assertThat(changes)
                .contains("{\"kind\":\"prompt\",\"name\":\"rel/diffbot\",\"change\":\"changed\",\"before\":\"#1")
                .contains("\"after\":\"#2 (rel-gpt#1, rel-diffback#2; policy rel/policy#1)\"")
                .contains("{\"kind\":\"prompt\",\"name\":\"rel/faq\",\"change\":\"removed\"")
                .contains("{\"kind\":\"model\",\"name\":\"rel-diffback\",\"change\":\"changed\",\"before\":\"#1\","
                        + "\"after\":\"#2\"}")
                .contains("{\"kind\":\"credential\",\"name\":\"rel-gpt\",\"change\":\"changed\","
                        + "\"before\":\"secret openai/api-key\",\"after\":\"env OPENAI_KEY\"}");
        long id = second.json().get("id").asLong();
        var viewer = io.parapet.server.ui.UiClient.withKey(server.getURL().toString(), KEYS.get("viewer"));
        assertThat(viewer.get("/ui/releases").body()).contains("id=\"release-link-" + id + "\"");
        assertThat(viewer.get("/ui/releases/" + id).body())
                .contains(second.json().get("digest").asText())
                .contains("Since release")
                .contains("<td>rel-diffback</td><td>changed</td><td>#1</td><td>#2</td>")
                .contains("environment variable <code>OPENAI_KEY</code>");
        assertThat(viewer.get("/ui/releases/999999").status()).isEqualTo(404);
        assertThat(diff.path("platform").isNull() || diff.path("platform").isMissingNode())
                .as("same platform")
                .isTrue();
    }

    @Test
    void bad_releases_are_refused_with_the_field_and_change_nothing() {
        long audits = auditTotal();
        long total = get("/api/v1/releases", "viewer").json().get("total").asLong();
        assertThat(release("editor", SPEC).status()).as("publishers release").isEqualTo(403);
        assertThat(field(release("publisher", "{\"prompts\":[]}"))).isEqualTo("prompts");
        assertThat(release("publisher", "{\"prompts\":[\"rel/nobody@production\"]}")
                        .status())
                .isEqualTo(404);
        assertThat(field(release("publisher", "{\"prompts\":[\"rel/policy@production\"]}")))
                .isEqualTo("prompts[0]");
        assertThat(field(release("publisher", "{\"prompts\":[\"rel/bot@production\",\"rel/bot#1\"]}")))
                .isEqualTo("prompts[1]");
        String literal = SPEC.replace("{\"secret\":\"openai\",\"key\":\"api-key\"}", "{\"secret\":\"sk-Live Key!\"}");
        assertThat(field(release("publisher", literal))).isEqualTo("credentials.rel-gpt.secret");
        assertThat(field(
                        release("publisher", SPEC.replace("\"key\":\"api-key\"", "\"key\":\"api-key\",\"env\":\"X\""))))
                .isEqualTo("credentials.rel-gpt");
        assertThat(field(release("publisher", SPEC.replace("\"rel-gpt\":{", "\"other\":{"))))
                .isEqualTo("credentials.other");
        assertThat(release("publisher", "{\"prompts\":").status()).isEqualTo(400);
        String many = "{\"prompts\":[" + "\"rel/faq#1\",".repeat(200) + "\"rel/faq#1\"]}";
        assertThat(field(release("publisher", many))).as("at most 200 prompts").isEqualTo("prompts");
        assertThat(release("publisher", SPEC.replace("first", "x".repeat(3000))).status())
                .isEqualTo(400);
        assertThat(get("/api/v1/releases/999999", "viewer").status()).isEqualTo(404);
        assertThat(get("/api/v1/releases/latest", "viewer").status()).isEqualTo(400);
        assertThat(get("/api/v1/releases", "viewer").json().get("total").asLong())
                .isEqualTo(total);
        assertThat(auditTotal()).isEqualTo(audits);
    }

    @Test
    void publishers_racing_to_make_one_release_make_it_once() throws Exception {
        String spec = "{\"prompts\":[\"rel/faq#1\"],\"description\":\"race\"}";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Reply> task = () -> release("publisher", spec);
                replies.add(pool.submit(task));
            }
            int created = 0;
            java.util.Set<Long> ids = new java.util.HashSet<>();
            for (Future<Reply> f : replies) {
                Reply reply = f.get();
                assertThat(reply.status()).as(reply.body()).isIn(200, 201);
                created += reply.status() == 201 ? 1 : 0;
                ids.add(reply.json().get("id").asLong());
            }
            assertThat(created).isLessThanOrEqualTo(1);
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_database_refuses_to_change_a_release() throws Exception {
        release("publisher", SPEC);
        try (var c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource)
                        .getConnection();
                var s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE deploy_release SET description = 'edited'"))
                    .hasMessageContaining("immutable");
        }
    }

    private static String field(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        return r.json().at("/errors/0/field").asText();
    }
}

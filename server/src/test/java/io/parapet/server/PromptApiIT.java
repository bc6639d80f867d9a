package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The registry over HTTP: status codes, headers, problem documents, and that bad input changes nothing. */
@MicronautTest(environments = "postgres", transactional = false)
class PromptApiIT extends ServerTestSupport {

    @Test
    void should_create_with_201_and_return_identical_content_with_200() {
        Reply created = post("/api/v1/prompts/api/idem/versions", "editor", textVersion("Hello {{name}}"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/prompts/api/idem/versions/1");
        assertThat(created.json().get("createdAt").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(created.json().get("author").asText()).isEqualTo("editor-key");

        Reply again = post("/api/v1/prompts/api/idem/versions", "editor", textVersion("Hello {{name}}"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("version").asInt()).isEqualTo(1);
        assertThat(again.body())
                .isEqualTo(get("/api/v1/prompts/api/idem/versions/1", "viewer").body());
    }

    @Test
    void should_move_labels_with_etag_and_if_match() {
        post("/api/v1/prompts/api/labels/versions", "editor", textVersion("one"));
        post("/api/v1/prompts/api/labels/versions", "editor", textVersion("two"));
        Reply created = call("PUT", "/api/v1/prompts/api/labels/labels/staging", "editor", "{\"version\":1}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");

        assertThat(moveStaging(2, null).status()).isEqualTo(428);
        assertThat(moveStaging(2, "\"7\"").status()).isEqualTo(412);
        Reply moved = moveStaging(2, "\"1\"");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.header("ETag")).isEqualTo("\"2\"");
        assertThat(moveStaging(2, "\"1\"").status())
                .as("the stale revision is refused even when the target is the same")
                .isEqualTo(412);
        assertThat(call("PUT", "/api/v1/prompts/api/labels/labels/other", "editor", "{\"version\":9}")
                        .status())
                .isEqualTo(404);
        assertThat(get("/api/v1/prompts/api/labels/resolve?label=staging", "viewer")
                        .json()
                        .get("version")
                        .asInt())
                .isEqualTo(2);
        assertThat(get("/api/v1/prompts/api/labels/labels/staging/history", "viewer")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(2);
        assertThat(get("/api/v1/prompts/api/labels/resolve", "viewer").status())
                .as("no production label: 404")
                .isEqualTo(404);
    }

    private Reply moveStaging(int version, String ifMatch) {
        String path = "/api/v1/prompts/api/labels/labels/staging";
        String body = "{\"version\":" + version + "}";
        return ifMatch == null
                ? call("PUT", path, "editor", body)
                : call("PUT", path, "editor", body, "If-Match", ifMatch);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "malformed JSON          | /api/v1/prompts/api/bad/versions      | `{\"template\": \"x\"`",
                "unknown field           | /api/v1/prompts/api/bad/versions      | `{\"template\":\"x\",\"commitMessage\":\"c\",\"colour\":1}`",
                "invalid name            | /api/v1/prompts/API%20Bad/versions    | `{\"template\":\"x\",\"commitMessage\":\"c\"}`",
                "template syntax         | /api/v1/prompts/api/bad/versions      | `{\"template\":\"a\\n{{#open}}\",\"commitMessage\":\"c\"}`",
                "no commit message       | /api/v1/prompts/api/bad/versions      | `{\"template\":\"x\"}`",
                "NUL character           | /api/v1/prompts/api/bad/versions      | `{\"template\":\"a\\u0000b\",\"commitMessage\":\"c\"}`",
                "lone surrogate          | /api/v1/prompts/api/bad/versions      | `{\"template\":\"a\\ud800b\",\"commitMessage\":\"c\"}`",
                "wrong type of field     | /api/v1/prompts/api/bad/versions      | `{\"template\":{\"a\":1},\"commitMessage\":\"c\"}`",
                "bad role                | /api/v1/prompts/api/bad/versions      | `{\"type\":\"chat\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}],\"commitMessage\":\"c\"}`",
                "unknown model           | /api/v1/prompts/api/bad/versions      | `{\"template\":\"x\",\"model\":{\"name\":\"ghost\"},\"commitMessage\":\"c\"}`",
                "bad provider            | /api/v1/models/bad/versions           | `{\"provider\":\"skynet\"}`",
                "bad bundle              | /api/v1/apply                         | `{\"prompts\":[{\"name\":\"x\",\"versions\":[{\"template\":\"{{#a}}\"}]}]}`",
            })
    void should_answer_bad_input_with_a_400_problem_and_change_nothing(String name, String path, String body) {
        long before = auditTotal();
        Reply reply = post(path, "admin", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText()).isNotBlank().doesNotContain("Exception", "\tat ");
        assertThat(auditTotal()).isEqualTo(before);
        assertThat(get("/api/v1/prompts/api/bad", "viewer").status()).isEqualTo(404);
    }

    @Test
    void should_name_line_and_column_of_a_template_error() {
        Reply reply = post(
                "/api/v1/prompts/api/syntax/versions",
                "editor",
                "{\"template\":\"ok\\nthen {{/close}}\",\"commitMessage\":\"c\"}");
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("template");
        assertThat(reply.json().get("detail").asText()).contains("line 2, column 6");
    }

    @Test
    void should_refuse_bodies_over_one_mebibyte_with_413() {
        long before = auditTotal();
        Reply reply = post("/api/v1/prompts/api/big/versions", "editor", textVersion("x".repeat(1_100_000)));
        assertThat(reply.status()).isEqualTo(413);
        assertThat(auditTotal()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>alert(1)</script>",
                "\"><img src=x onerror=alert(1)>",
                "javascript:alert(1)",
                "{{constructor}}",
                "'; DROP TABLE prompt_version; --",
                "\u202Eevil\u202C"
            })
    void should_store_and_return_payloads_verbatim(String payload) {
        String body = "{\"template\":\"{{v}}\",\"commitMessage\":" + io.parapet.core.Json.write(payload)
                + ",\"description\":" + io.parapet.core.Json.write(payload) + "}";
        String name = "api/verbatim-" + Integer.toHexString(payload.hashCode());
        assertThat(post("/api/v1/prompts/" + name + "/versions", "editor", body).status())
                .isEqualTo(201);
        assertThat(get("/api/v1/prompts/" + name + "/versions/1", "viewer")
                        .json()
                        .get("commitMessage")
                        .asText())
                .isEqualTo(payload);
        Reply rendered = post(
                "/api/v1/prompts/" + name + "/render",
                "viewer",
                "{\"label\":\"latest\",\"variables\":{\"v\":" + io.parapet.core.Json.write(payload) + "}}");
        assertThat(rendered.json().get("text").asText()).isEqualTo(payload);
    }

    @Test
    void should_render_strictly_over_http() {
        post("/api/v1/prompts/api/render/versions", "editor", textVersion("Hi {{name}}"));
        Reply missing = post("/api/v1/prompts/api/render/render", "viewer", "{\"version\":1,\"variables\":{}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").asText()).isEqualTo("variables.name");
        Reply unknown = post(
                "/api/v1/prompts/api/render/render",
                "viewer",
                "{\"version\":1,\"variables\":{\"name\":\"a\",\"nmae\":\"b\"}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(post("/api/v1/prompts/api/render/render", "viewer", "{\"label\":\"nope\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void should_show_a_key_once_store_only_its_hash_and_stop_accepting_it_when_revoked() {
        Reply created = post("/api/v1/api-keys", "admin", "{\"name\":\"ci\",\"roles\":[\"viewer\"]}");
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asText();
        long id = created.json().get("id").asLong();
        assertThat(key).startsWith("pk_").hasSizeGreaterThan(40);
        assertThat(get("/api/v1/api-keys?size=200", "admin").body()).doesNotContain(key);
        assertThat(get("/api/v1/prompts", key).status()).isEqualTo(200);
        assertThat(post("/api/v1/prompts/api/ci/versions", key, textVersion("x"))
                        .status())
                .isEqualTo(403);

        assertThat(call("DELETE", "/api/v1/api-keys/" + id, "admin", null).status())
                .isEqualTo(204);
        assertThat(get("/api/v1/prompts", key).status()).isEqualTo(401);
        assertThat(call("DELETE", "/api/v1/api-keys/" + id, "admin", null).status())
                .isEqualTo(409);
        assertThat(post("/api/v1/api-keys", "admin", "{\"name\":\"x\",\"roles\":[\"root\"]}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void should_filter_and_page_the_audit_log() {
        post("/api/v1/prompts/api/audited/versions", "editor", textVersion("a"));
        post("/api/v1/prompts/api/audited/versions", "editor", textVersion("b"));
        Reply page = get(
                "/api/v1/audit?actor=editor-key&action=prompt.version.create&target=api/audited%232&size=1", "admin");
        assertThat(page.json().get("total").asInt()).isEqualTo(1);
        assertThat(page.json().get("items").get(0).get("hashAfter").asText()).hasSize(64);
        assertThat(get("/api/v1/audit?from=yesterday", "admin").status()).isEqualTo(400);
        assertThat(get("/api/v1/audit?size=500", "admin").status()).isEqualTo(400);
    }

    @Test
    void should_apply_yaml_bundles_with_a_dry_run_and_export_them() {
        String bundle =
                "prompts:\n  - name: api/gitops\n    versions:\n      - template: hello\n        labels: [staging]\n";
        Reply plan = call("POST", "/api/v1/apply?dryRun=true", "editor", bundle, "Content-Type", "application/yaml");
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(plan.json().get("changes").size()).isEqualTo(2);
        assertThat(get("/api/v1/prompts/api/gitops", "viewer").status()).isEqualTo(404);

        assertThat(call("POST", "/api/v1/apply", "editor", bundle, "Content-Type", "application/yaml")
                        .json()
                        .get("dryRun")
                        .asBoolean())
                .isFalse();
        Reply exported = get("/api/v1/export", "viewer");
        assertThat(exported.header("Content-Type")).startsWith("application/yaml");
        assertThat(exported.body()).contains("api/gitops");
        Reply reapplied = call("POST", "/api/v1/apply", "editor", exported.body(), "Content-Type", "application/yaml");
        assertThat(reapplied.json().get("changes").size()).isZero();
        assertThat(get("/api/v1/export?format=json", "viewer")
                        .json()
                        .get("apiVersion")
                        .asText())
                .isEqualTo("parapet/v1");
    }

    @Test
    void should_never_return_model_credentials() {
        Reply created = post(
                "/api/v1/models/api-gpt/versions",
                "editor",
                "{\"provider\":\"openai\",\"modelId\":\"gpt-4o-mini\",\"credential\":\"sk-very-secret\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("hasCredential").asBoolean()).isTrue();
        for (String path : new String[] {
            "/api/v1/models",
            "/api/v1/models/api-gpt",
            "/api/v1/models/api-gpt/versions",
            "/api/v1/export?format=json",
            "/api/v1/audit?size=200"
        }) {
            assertThat(get(path, "admin").body()).doesNotContain("sk-very-secret");
        }
        assertThat(created.body()).doesNotContain("sk-very-secret");
        assertThat(get("/api/v1/models", "viewer").body()).contains("\"development\":true");
    }
}

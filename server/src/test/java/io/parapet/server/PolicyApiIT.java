package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** Guardrail policies over HTTP: YAML or JSON versions, labels with If-Match, scans by reference, attachment. */
@MicronautTest(environments = "postgres", transactional = false)
class PolicyApiIT extends ServerTestSupport {
    static final String POLICIES = "/api/v1/guardrails/policies/";
    static final String BLOCK_REFUNDS = """
            commitMessage: block refund talk
            labels: [production]
            policy:
              scanners:
                - type: banned-patterns
                  action: block
                  config: {substrings: [refund]}
            """;

    @Test
    void should_create_from_yaml_and_scan_by_label() {
        Reply created = call(
                "POST",
                POLICIES + "api/refunds/versions",
                "publisher",
                BLOCK_REFUNDS,
                "Content-Type",
                "application/yaml");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/guardrails/policies/api/refunds/versions/1");
        assertThat(created.json().get("type").asText()).isEqualTo("policy");

        Reply scan = post(
                "/api/v1/guardrails/scan",
                "chat",
                "{\"policy\":\"api/refunds@production\",\"text\":\"I want a refund\"}");
        assertThat(scan.status()).as(scan.body()).isEqualTo(200);
        assertThat(scan.json().get("blockedBy").asText()).isEqualTo("banned-patterns");
        Reply byNumber =
                post("/api/v1/guardrails/scan", "chat", "{\"policy\":\"api/refunds#1\",\"text\":\"hello there\"}");
        assertThat(byNumber.json().get("blocked").asBoolean()).isFalse();
    }

    @Test
    void should_move_labels_with_if_match_and_keep_history() {
        call("POST", POLICIES + "api/moves/versions", "publisher", BLOCK_REFUNDS, "Content-Type", "text/yaml");
        String second = "{\"commitMessage\":\"warn only\",\"policy\":{\"scanners\":"
                + "[{\"type\":\"banned-patterns\",\"action\":\"warn\",\"config\":{\"substrings\":[\"refund\"]}}]}}";
        assertThat(post(POLICIES + "api/moves/versions", "editor", second).status())
                .isEqualTo(201);

        Reply without = call("PUT", POLICIES + "api/moves/labels/production", "publisher", "{\"version\":2}");
        assertThat(without.status()).isEqualTo(428);
        Reply moved = call(
                "PUT", POLICIES + "api/moves/labels/production", "publisher", "{\"version\":2}", "If-Match", "\"1\"");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.header("ETag")).isEqualTo("\"2\"");
        Reply stale = call(
                "PUT", POLICIES + "api/moves/labels/production", "publisher", "{\"version\":1}", "If-Match", "\"1\"");
        assertThat(stale.status()).isEqualTo(412);

        Reply scan = post(
                "/api/v1/guardrails/scan",
                "viewer",
                "{\"policy\":\"api/moves@production\",\"text\":\"refund please\"}");
        assertThat(scan.json().get("blocked").asBoolean())
                .as("the label now points at the warn-only version")
                .isFalse();
        assertThat(get(POLICIES + "api/moves/labels/production/history", "viewer")
                        .json()
                        .get("items"))
                .hasSize(2);
        assertThat(get(POLICIES + "api/moves/diff?from=1&to=2", "viewer")
                        .json()
                        .get("unified")
                        .asText())
                .contains("+- action: warn");
    }

    @Test
    void should_reject_invalid_policies_listing_every_error_and_store_nothing() {
        long before = auditTotal();
        String body = "{\"commitMessage\":\"bad\",\"policy\":{\"scanners\":[{\"type\":\"nope\",\"action\":\"block\"},"
                + "{\"type\":\"pii\",\"action\":\"explode\"}]}}";
        Reply reply = post(POLICIES + "api/bad/versions", "editor", body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors"))
                .extracting(e -> e.get("field").asText())
                .containsExactly("scanners[0].type", "scanners[1].action");
        assertThat(post(POLICIES + "api/bad/versions", "editor", "policy: [unclosed")
                        .status())
                .isEqualTo(400);
        assertThat(post(POLICIES + "api/bad/versions", "editor", "{\"commitMessage\":\"x\"}")
                        .status())
                .isEqualTo(400);
        assertThat(get(POLICIES + "api/bad", "viewer").status()).isEqualTo(404);
        assertThat(auditTotal()).isEqualTo(before);
    }

    @Test
    void should_keep_prompts_and_policies_apart() {
        post("/api/v1/prompts/api/plain/versions", "editor", textVersion("Hi"));
        call("POST", POLICIES + "api/listed/versions", "publisher", BLOCK_REFUNDS, "Content-Type", "application/yaml");

        assertThat(get(POLICIES + "api/plain", "viewer").status()).isEqualTo(404);
        assertThat(get(POLICIES + "?folder=api", "viewer").body())
                .contains("api/listed")
                .doesNotContain("api/plain");
        assertThat(get("/api/v1/prompts?folder=api", "viewer").body())
                .contains("api/plain")
                .doesNotContain("api/listed");
        Reply scanPrompt = post("/api/v1/guardrails/scan", "viewer", "{\"policy\":\"api/plain#1\",\"text\":\"x\"}");
        assertThat(scanPrompt.status()).isEqualTo(400);
        assertThat(post("/api/v1/guardrails/scan", "viewer", "{\"policy\":\"api/missing@production\",\"text\":\"x\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void should_attach_a_policy_to_a_prompt_version() {
        call(
                "POST",
                POLICIES + "api/attached/versions",
                "publisher",
                BLOCK_REFUNDS,
                "Content-Type",
                "application/yaml");
        Reply attached = post(
                "/api/v1/prompts/api/guarded/versions",
                "editor",
                "{\"template\":\"Hi\",\"commitMessage\":\"guarded\",\"guardrails\":\"api/attached@production\"}");
        assertThat(attached.status()).as(attached.body()).isEqualTo(201);
        assertThat(attached.json().get("guardrails").asText()).isEqualTo("api/attached@production");

        Reply scan = post(
                "/api/v1/guardrails/scan", "chat", "{\"prompt\":\"api/guarded#1\",\"text\":\"can I get a refund?\"}");
        assertThat(scan.status()).as(scan.body()).isEqualTo(200);
        assertThat(scan.json().get("policy").asText()).isEqualTo("api/attached#1");
        assertThat(scan.json().get("blockedBy").asText()).isEqualTo("banned-patterns");

        post("/api/v1/prompts/api/unguarded/versions", "editor", textVersion("Hi"));
        Reply fallback = post(
                "/api/v1/guardrails/scan", "chat", "{\"prompt\":\"api/unguarded#1\",\"text\":\"can I get a refund?\"}");
        assertThat(fallback.json().get("policy").asText()).isEqualTo("default");
        assertThat(fallback.json().get("blocked").asBoolean()).isFalse();
        String both = "{\"prompt\":\"api/guarded#1\",\"policy\":\"default\",\"text\":\"x\"}";
        assertThat(post("/api/v1/guardrails/scan", "chat", both).status()).isEqualTo(400);
        String policyAsPrompt = "{\"prompt\":\"api/attached#1\",\"text\":\"x\"}";
        assertThat(post("/api/v1/guardrails/scan", "chat", policyAsPrompt).status())
                .as("a policy is not a prompt")
                .isEqualTo(400);

        Reply missing = post(
                "/api/v1/prompts/api/guarded/versions",
                "editor",
                "{\"template\":\"Hi\",\"commitMessage\":\"x\",\"guardrails\":\"api/none@production\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().at("/errors/0/field").asText()).isEqualTo("guardrails");
    }
}

package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint × every role: allowed roles get past security, others get 401 (no key) or 403. */
@MicronautTest(environments = "postgres", transactional = false)
class ApiContractIT extends ServerTestSupport {
    private static final List<String> ROLES = List.of("viewer", "editor", "publisher", "admin");

    /** {@code chat} says whether a chat key may call it too (only the read-only scan endpoint, so far). */
    record Endpoint(String method, String path, String body, String minimum, boolean chat) {
        Endpoint(String method, String path, String body, String minimum) {
            this(method, path, body, minimum, false);
        }
    }

    static List<Endpoint> endpoints() {
        String p = "/api/v1/prompts/contract/p";
        String g = "/api/v1/guardrails/policies/contract/g";
        return List.of(
                new Endpoint("GET", "/api/v1/prompts", null, "viewer"),
                new Endpoint("GET", p, null, "viewer"),
                new Endpoint("GET", p + "/versions", null, "viewer"),
                new Endpoint("GET", p + "/versions/1", null, "viewer"),
                new Endpoint("GET", p + "/resolve?label=latest", null, "viewer"),
                new Endpoint("POST", p + "/render", "{\"label\":\"latest\",\"variables\":{}}", "viewer"),
                new Endpoint("GET", p + "/diff?from=1&to=1", null, "viewer"),
                new Endpoint("GET", p + "/labels/staging", null, "viewer"),
                new Endpoint("GET", p + "/labels/staging/history", null, "viewer"),
                new Endpoint("POST", p + "/versions", textVersion("contract text"), "editor"),
                new Endpoint("PUT", p + "/labels/staging", "{\"version\":1}", "editor"),
                new Endpoint("DELETE", p + "/labels/nothing-here", null, "editor"),
                new Endpoint("PUT", p + "/labels/production", "{\"version\":1}", "publisher"),
                new Endpoint("GET", "/api/v1/models", null, "viewer"),
                new Endpoint("GET", "/api/v1/models/echo", null, "viewer"),
                new Endpoint("GET", "/api/v1/models/echo/versions", null, "viewer"),
                new Endpoint("GET", "/api/v1/models/echo/versions/1", null, "viewer"),
                new Endpoint("POST", "/api/v1/models/contract-model/versions", "{\"provider\":\"echo\"}", "editor"),
                new Endpoint("POST", "/api/v1/apply?dryRun=true", "{\"prompts\":[]}", "editor"),
                new Endpoint("GET", "/api/v1/export", null, "viewer"),
                new Endpoint("GET", "/api/v1/api-keys", null, "admin"),
                new Endpoint("POST", "/api/v1/api-keys", "{\"name\":\"made\",\"roles\":[\"viewer\"]}", "admin"),
                new Endpoint("DELETE", "/api/v1/api-keys/999999", null, "admin"),
                new Endpoint("GET", "/api/v1/audit", null, "admin"),
                new Endpoint("GET", "/prometheus", null, "viewer"),
                new Endpoint("POST", "/api/v1/guardrails/scan", "{\"text\":\"hi\"}", "viewer", true),
                new Endpoint("GET", "/api/v1/guardrails/policies", null, "viewer"),
                new Endpoint("GET", g, null, "viewer"),
                new Endpoint("GET", g + "/versions", null, "viewer"),
                new Endpoint("GET", g + "/versions/1", null, "viewer"),
                new Endpoint("GET", g + "/resolve?label=latest", null, "viewer"),
                new Endpoint("GET", g + "/diff?from=1&to=1", null, "viewer"),
                new Endpoint("GET", g + "/labels/staging", null, "viewer"),
                new Endpoint("GET", g + "/labels/staging/history", null, "viewer"),
                new Endpoint("POST", g + "/versions", POLICY_VERSION, "editor"),
                new Endpoint("PUT", g + "/labels/staging", "{\"version\":1}", "editor"),
                new Endpoint("DELETE", g + "/labels/nothing-here", null, "editor"),
                new Endpoint("PUT", g + "/labels/production", "{\"version\":1}", "publisher"));
    }

    static final String POLICY_VERSION =
            "{\"commitMessage\":\"c\",\"labels\":[\"staging\"],\"policy\":{\"scanners\":[{\"type\":\"secrets\",\"action\":\"block\"}]}}";

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            all.add(Arguments.of(e.method() + " " + e.path(), e, null));
            all.add(Arguments.of(e.method() + " " + e.path(), e, "chat"));
            all.add(Arguments.of(e.method() + " " + e.path(), e, "pk_not-a-real-key"));
            ROLES.forEach(role -> all.add(Arguments.of(e.method() + " " + e.path(), e, role)));
        }
        return all.stream();
    }

    @BeforeAll
    void createPrompt() {
        post(
                "/api/v1/prompts/contract/p/versions",
                "admin",
                "{\"type\":\"text\",\"template\":\"hi\",\"commitMessage\":\"c\",\"labels\":[\"staging\"]}");
        Reply policy = post("/api/v1/guardrails/policies/contract/g/versions", "admin", POLICY_VERSION);
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0} as {2}")
    @MethodSource("cases")
    void should_admit_exactly_the_roles_that_may_call_the_endpoint(String name, Endpoint endpoint, String role) {
        Reply reply = call(endpoint.method(), endpoint.path(), role, endpoint.body());
        if (role == null || role.startsWith("pk_")) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(401);
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        } else if (role.equals("chat") ? !endpoint.chat() : ROLES.indexOf(role) < ROLES.indexOf(endpoint.minimum())) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(403);
            assertThat(reply.json().get("detail").asText()).isNotBlank();
        } else {
            assertThat(reply.status()).as(reply.body()).isNotIn(401, 403).isLessThan(500);
        }
    }
}

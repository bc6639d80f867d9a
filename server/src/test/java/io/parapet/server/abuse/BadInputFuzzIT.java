package io.parapet.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.parapet.server.ServerTestSupport;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Bad input for every API route that takes a body, read from the running route table: malformed and truncated
 * JSON, 10 MB, nesting 10,000 deep, wrong types, NUL, lone surrogates, huge numbers, and YAML bombs where YAML is
 * read. Each must be a 4xx with no stack trace on the wire, and nothing may change: the audit log stays as it was.
 * Callers have a role the route admits, so the body is what is judged.
 */
@MicronautTest(environments = "postgres", transactional = false)
class BadInputFuzzIT extends ServerTestSupport {
    @Inject
    Router router;

    static Map<String, String> badJson() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("malformed", "{\"template\": ");
        bodies.put("truncated", "{\"template\":\"x\",\"commitMessage\":\"c\",\"labels\":[\"produ");
        bodies.put("10 MB", "{\"template\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}");
        bodies.put("arrays 10,000 deep", "[".repeat(10_000) + "]".repeat(10_000));
        bodies.put("objects 10,000 deep", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
        bodies.put("an array", "[]");
        bodies.put("a string", "\"text\"");
        bodies.put("a number", "42");
        bodies.put("null", "null");
        bodies.put(
                "wrong types",
                "{\"template\":5,\"commitMessage\":[],\"labels\":\"x\",\"version\":\"one\",\"score\":{},"
                        + "\"messages\":7,\"model\":[],\"name\":{},\"roles\":3,\"url\":false,\"policy\":\"p\","
                        + "\"text\":[1],\"enabled\":\"yes\"}");
        bodies.put(
                "NUL",
                "{\"template\":\"a\\u0000b\",\"commitMessage\":\"c\\u0000\",\"name\":\"n\\u0000\",\"text\":\"t\\u0000\","
                        + "\"messages\":[{\"role\":\"user\\u0000\",\"content\":\"\\u0000\"}],\"version\":\"\\u0000\"}");
        bodies.put(
                "lone surrogates",
                "{\"template\":\"\\ud800\",\"commitMessage\":\"\\udfff\",\"name\":\"\\ud800x\",\"text\":\"\\udc00\","
                        + "\"version\":\"\\ud800\"}");
        bodies.put(
                "huge numbers",
                "{\"version\":1e999999,\"score\":123456789012345678901234567890,\"ttlSeconds\":-1e308,"
                        + "\"temperature\":1e400,\"max_tokens\":99999999999999999999,\"messages\":[]}");
        bodies.put("invalid UTF-16 escape", "{\"template\":\"\\uZZZZ\"}");
        return bodies;
    }

    static Map<String, String> badYaml() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("alias bomb", """
                a: &a ["%s"]
                b: &b [*a, *a, *a, *a, *a]
                c: &c [*b, *b, *b, *b, *b]
                d: &d [*c, *c, *c, *c, *c]
                e: [*d, *d, *d, *d, *d]
                """.formatted("x".repeat(10_000)));
        bodies.put("a class tag", "policy: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader []]\n");
        bodies.put("flow nesting 10,000 deep", "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        bodies.put("duplicate keys", "commitMessage: a\ncommitMessage: b\n");
        bodies.put("tabs and garbage", "\t- : : [}\n");
        return bodies;
    }

    private record Route(String method, String path, String role) {}

    private List<Route> bodyRoutes() {
        TreeSet<String> keys = new TreeSet<>();
        router.uriRoutes()
                .filter(r -> List.of("POST", "PUT", "PATCH").contains(r.getHttpMethodName()))
                .map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate())
                .filter(k -> !k.contains(" /ui")) // the web UI takes forms, not JSON; its tests attack it as a browser
                .forEach(keys::add);
        List<Route> routes = new ArrayList<>();
        for (String key : keys) {
            RouteAccess.Access access = RouteAccess.of(key);
            String role = access.admits("chat") && !access.admits("admin") ? "chat" : "admin";
            String template = key.substring(key.indexOf(' ') + 1);
            routes.add(new Route(key.substring(0, key.indexOf(' ')), samplePath(template), role));
        }
        return routes;
    }

    /** Names point at objects that exist, so bodies that parse are judged by the controller, not a 404. */
    private static String samplePath(String template) {
        String path = template.replace("{label}", "staging").replace("{subject:.+}", "prompt:" + TARGET);
        return RouteAccess.samplePath(path).replace("matrix-none", TARGET);
    }

    private static final String TARGET = "fuzz/target";

    private void createTargets() {
        String policy =
                "{\"commitMessage\":\"c\",\"policy\":{\"scanners\":[{\"type\":\"secrets\",\"action\":\"block\"}]}}";
        assertThat(List.of(
                        post("/api/v1/prompts/" + TARGET + "/versions", "admin", textVersion("Hello {{name}}")),
                        post("/api/v1/guardrails/policies/" + TARGET + "/versions", "admin", policy),
                        post("/api/v1/models/" + TARGET + "/versions", "admin", "{\"provider\":\"echo\"}")))
                .extracting(Reply::status)
                .as("created, or already there from an earlier run on this database (409: same content)")
                .allMatch(status -> status == 201 || status == 409);
    }

    @Test
    void should_answer_every_bad_body_with_a_clear_4xx_and_change_nothing() {
        createTargets();
        long auditBefore = auditTotal();
        List<Route> routes = bodyRoutes();
        assertThat(routes)
                .as("the route table was read")
                .contains(
                        new Route("POST", "/api/v1/apply", "admin"),
                        new Route("POST", "/v1/chat/completions", "chat"),
                        new Route("PUT", "/api/v1/prompts/" + TARGET + "/labels/staging", "admin"));
        SoftAssertions soft = new SoftAssertions();
        for (Route route : routes) {
            badJson().forEach((what, body) -> check(soft, route, what, body, "application/json"));
            if (route.path().startsWith("/api/v1/apply") || route.path().startsWith("/api/v1/guardrails/policies")) {
                badYaml().forEach((what, body) -> check(soft, route, what, body, "application/yaml"));
            }
        }
        soft.assertAll();
        assertThat(auditTotal()).as("no bad body changed anything").isEqualTo(auditBefore);
    }

    private void check(SoftAssertions soft, Route route, String what, String body, String contentType) {
        Reply reply = call(route.method(), route.path(), route.role(), body, "Content-Type", contentType);
        String label = route.method() + " " + route.path() + " with " + what + " (" + contentType + ")";
        soft.assertThat(reply.status())
                .as(label + ": " + clip(reply.body()))
                .isBetween(400, 499)
                .isNotIn(401, 403);
        soft.assertThat(reply.body())
                .as(label + " shows no stack trace")
                .doesNotContain("\tat ", "Exception:", "at io.parapet", "at java.");
    }

    private static String clip(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}

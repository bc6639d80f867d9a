package io.parapet.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.parapet.server.ServerTestSupport;
import io.parapet.server.ui.UiClient;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route of the running application, read from its route table, against every kind of caller: no key, a
 * revoked key, a UI session token sent as a bearer, and each role. Each route's expected access is declared once
 * in {@link RouteAccess}; a route that is not declared fails the test, so a new endpoint cannot be forgotten.
 */
@MicronautTest(environments = "postgres", transactional = false)
class AccessMatrixIT extends ServerTestSupport {
    private static final List<String> ROLES_LOW_TO_HIGH = List.of("chat", "viewer", "editor", "publisher", "admin");
    private static final String REVOKED = "pk_matrix-revoked-00000000000000000000000000";

    @Inject
    Router router;

    private String sessionToken;
    private int chatSignIn;
    private final Map<String, UiClient> sessions = new java.util.HashMap<>();

    @BeforeAll
    void callers() {
        var created = keys.issue(
                "revoked", java.util.EnumSet.of(io.parapet.core.Role.ADMIN), REVOKED, io.parapet.core.Actor.SYSTEM);
        keys.revoke(created.id(), io.parapet.core.Actor.SYSTEM);
        for (String role : List.of("viewer", "editor", "publisher", "admin")) {
            sessions.put(role, UiClient.withKey(server.getURL().toString(), KEYS.get(role)));
        }
        sessionToken = sessions.get("admin").sessionCookie();
        chatSignIn = UiClient.anonymous(server.getURL().toString())
                .signIn(Map.of("key", KEYS.get("chat")))
                .status();
    }

    private Map<String, RouteAccess.Access> routes() {
        // Signing out ends the sessions the other UI rows use: it goes last.
        Map<String, RouteAccess.Access> routes =
                new TreeMap<>(java.util.Comparator.comparing((String r) -> r.equals("POST /ui/logout"))
                        .thenComparing(java.util.Comparator.naturalOrder()));
        router.uriRoutes().forEach(route -> routes.put(key(route), RouteAccess.of(key(route))));
        return routes;
    }

    private static String key(UriRouteInfo<?, ?> route) {
        return route.getHttpMethodName() + " " + route.getUriMatchTemplate().toString();
    }

    @Test
    void should_declare_the_expected_access_of_every_route() {
        List<String> undeclared = router.uriRoutes()
                .filter(r -> RouteAccess.of(key(r)) == null)
                .map(r -> key(r) + " "
                        + java.util.Arrays.toString(
                                r.getAnnotationMetadata().stringValues(io.micronaut.security.annotation.Secured.class)))
                .sorted()
                .toList();
        assertThat(undeclared).as("routes with no entry in RouteAccess").isEmpty();
        assertThat(new TreeSet<>(RouteAccess.declared()))
                .as("RouteAccess entries for routes that no longer exist")
                .isSubsetOf(routes().keySet());
    }

    @Test
    void should_answer_every_route_as_declared_for_every_caller() {
        SoftAssertions soft = new SoftAssertions();
        routes().forEach((route, access) -> {
            if (access == null || route.startsWith("HEAD ")) {
                return;
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = RouteAccess.samplePath(route.substring(route.indexOf(' ') + 1));
            boolean ui = path.startsWith("/ui");
            String body = HttpMethod.permitsRequestBody(HttpMethod.parse(method)) ? "{}" : null;
            if (access != RouteAccess.Access.ANONYMOUS) {
                // A refused caller of a UI page is sent to the sign-in page; an API caller gets 401.
                String refused = ui ? "(303|401|403) .*" : "401 .*";
                soft.assertThat(status(method, path, null, body))
                        .as(route + " without a key")
                        .matches(refused);
                soft.assertThat(status(method, path, REVOKED, body))
                        .as(route + " with a revoked key")
                        .matches(refused);
                soft.assertThat(status(method, path, sessionToken, body))
                        .as(route + " with a UI session token as bearer")
                        .matches(refused);
                if (!ui) {
                    soft.assertThat(status(method, path, null, body, "Cookie", "parapet_session=" + sessionToken))
                            .as(route + " with the UI session cookie")
                            .matches(refused);
                }
            }
            for (String role : ROLES_LOW_TO_HIGH) {
                if (ui && role.equals("chat")) {
                    continue; // a chat key opens no UI session: see should_open_no_ui_session_for_a_chat_key
                }
                int status = ui
                        ? uiStatus(role, method, path)
                        : Integer.parseInt(
                                status(method, path, KEYS.get(role), body).split(" ")[0]);
                boolean allowed = access.admits(role);
                soft.assertThat(status)
                        .as(route + " as " + role + (allowed ? " (allowed)" : " (refused)"))
                        .matches(s -> allowed ? s != 401 && s != 403 && s < 500 : s == 403 || s == 401);
            }
        });
        soft.assertAll();
    }

    @Test
    void should_open_no_ui_session_for_a_chat_key() {
        assertThat(chatSignIn).isEqualTo(401);
    }

    /**
     * UI pages as a browser of that role calls them: its session cookie, and the CSRF token on posts. A refusal
     * that sends the browser to the sign-in page counts as 401.
     */
    private int uiStatus(String role, String method, String path) {
        UiClient session = sessions.get(role);
        // Not as htmx: htmx requests get errors as 200 fragments to swap in, so only a plain request shows the status.
        UiClient.Page page = method.equals("GET")
                ? session.get(path)
                : session.send(method, path, "", false, "X-CSRF-Token", session.csrf());
        String location = page.header("Location");
        boolean signOut = path.equals("/ui/logout"); // whose success is the way to the sign-in page
        if (!signOut && page.status() == 303 && location != null && location.contains("/ui/login")) {
            return 401;
        }
        return page.status();
    }

    private String status(String method, String path, String bearer, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (bearer != null) {
            all.addAll(List.of("Authorization", "Bearer " + bearer));
        }
        Reply reply = call(method, path, null, body, all.toArray(String[]::new));
        return reply.status() + " "
                + reply.body().substring(0, Math.min(80, reply.body().length()));
    }
}

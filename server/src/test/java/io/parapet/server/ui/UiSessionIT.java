package io.parapet.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.server.ServerTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signing in and out of the web UI, the session cookie, CSRF, and what sessions may reach. */
@MicronautTest(transactional = false)
class UiSessionIT extends ServerTestSupport {

    private String base() {
        return server.getURL().toString();
    }

    @Test
    void thePrintedUrlLeadsToTheUi() {
        UiClient browser = UiClient.anonymous(base());
        assertThat(browser.get("/").header("Location")).isEqualTo("/ui");
        assertThat(browser.get("/ui").header("Location")).isEqualTo("/ui/prompts");
    }

    @Test
    void pagesSendAnonymousBrowsersToSignIn() {
        UiClient.Page page = UiClient.anonymous(base()).get("/ui/prompts");
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location")).isEqualTo("/ui/login");
        UiClient.Page htmx = UiClient.anonymous(base()).send("GET", "/ui/prompts", null, true);
        assertThat(htmx.header("HX-Redirect")).isEqualTo("/ui/login");
    }

    @Test
    void signInWithKeySetsAStrictHttpOnlyCookieScopedToTheUi() {
        UiClient browser = UiClient.anonymous(base());
        UiClient.Page page = browser.signIn(Map.of("key", KEYS.get("editor")));
        assertThat(page.status()).isEqualTo(303);
        String cookie = UiClient.setCookie(page, "parapet_session");
        assertThat(cookie)
                .contains("HTTPOnly")
                .contains("SameSite=Strict")
                .contains("Path=/ui")
                .doesNotContain("Secure");
        assertThat(browser.get("/ui/prompts").status()).isEqualTo(200);

        UiClient.Page https =
                UiClient.anonymous(base()).signIn(Map.of("key", KEYS.get("editor")), "X-Forwarded-Proto", "https");
        assertThat(UiClient.setCookie(https, "parapet_session")).contains("Secure");
    }

    @Test
    void wrongCredentialsAreRefusedWithoutASession() {
        long audited = auditTotal();
        UiClient.Page key = UiClient.anonymous(base()).signIn(Map.of("key", "pk_not-a-key"));
        assertThat(key.status()).isEqualTo(401);
        assertThat(key.body()).contains("That API key is not valid.");
        assertThat(UiClient.setCookie(key, "parapet_session")).isNull();
        UiClient.Page password =
                UiClient.anonymous(base()).signIn(Map.of("username", "nobody", "password", "wrong password!"));
        assertThat(password.status()).isEqualTo(401);
        assertThat(password.body()).contains("Wrong username or password.");
        assertThat(auditTotal()).isEqualTo(audited);
    }

    @Test
    void repeatedFailuresForOneAccountAreThrottled() {
        for (int i = 0; i < 10; i++) {
            assertThat(UiClient.anonymous(base())
                            .signIn(Map.of("username", "guessed", "password", "attempt " + i))
                            .status())
                    .isEqualTo(401);
        }
        UiClient.Page throttled =
                UiClient.anonymous(base()).signIn(Map.of("username", "guessed", "password", "right?"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotNull();
        assertThat(throttled.body()).contains("Too many failed attempts");
        // Another account from the same address is not affected.
        assertThat(UiClient.anonymous(base())
                        .signIn(Map.of("key", KEYS.get("viewer")))
                        .status())
                .isEqualTo(303);
    }

    @Test
    void theSignInFormNeedsItsOwnToken() {
        UiClient.Page forged = UiClient.anonymous(base())
                .send("POST", "/ui/login", UiClient.encode(Map.of("key", KEYS.get("admin"), "_csrf", "guess")), false);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(UiClient.setCookie(forged, "parapet_session")).isNull();
    }

    @Test
    void stateChangesWithoutTheSessionsCsrfTokenAreRefusedAndChangeNothing() {
        UiClient editor = UiClient.withKey(base(), KEYS.get("editor"));
        Map<String, String> form = Map.of(
                "newPrompt", "true", "name", "csrf/target", "type", "text", "template", "Hi", "commitMessage", "x");
        UiClient.Page missing = editor.postWithoutCsrf("/ui/prompt/save", form);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.body()).contains("CSRF");
        UiClient other = UiClient.withKey(base(), KEYS.get("editor"));
        UiClient.Page foreign = editor.postWithCsrf("/ui/prompt/save", form, other.csrf());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(get("/api/v1/prompts/csrf/target", "viewer").status()).isEqualTo(404);
    }

    @Test
    void theSessionCookieIsNotAnApiCredential() {
        UiClient editor = UiClient.withKey(base(), KEYS.get("editor"));
        var reply = call("GET", "/api/v1/prompts", null, null, "Cookie", "parapet_session=" + editor.sessionCookie());
        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void logoutEndsTheSessionEverywhere() {
        UiClient editor = UiClient.withKey(base(), KEYS.get("editor"));
        String cookie = editor.sessionCookie();
        UiClient.Page out = editor.post("/ui/logout", Map.of());
        assertThat(out.header("HX-Redirect"))
                .as(out.status() + " " + out.body())
                .isEqualTo("/ui/login");
        assertThat(UiClient.setCookie(out, "parapet_session")).contains("Max-Age=0");
        UiClient.Page after = UiClient.anonymous(base())
                .send("GET", "/ui/prompts", null, false, "Cookie", "parapet_session=" + cookie);
        assertThat(after.status()).isEqualTo(303);
        assertThat(get("/api/v1/audit?action=ui.logout", "admin")
                        .json()
                        .get("total")
                        .asLong())
                .isPositive();
    }

    @Test
    void revokingTheKeyEndsItsSessions() {
        String key = post("/api/v1/api-keys", "admin", "{\"name\":\"short-lived\",\"roles\":[\"editor\"]}")
                .json()
                .get("key")
                .asText();
        long id = get("/api/v1/api-keys?size=200", "admin").json().get("items").findValues("id").stream()
                .mapToLong(n -> n.asLong())
                .max()
                .orElseThrow();
        UiClient browser = UiClient.withKey(base(), key);
        assertThat(browser.get("/ui/prompts").status()).isEqualTo(200);
        assertThat(call("DELETE", "/api/v1/api-keys/" + id, "admin", null).status())
                .isEqualTo(204);
        assertThat(browser.get("/ui/prompts").status()).isEqualTo(303);
    }

    @Test
    void usersSignInWithTheirPasswordAndTheirRoleAppliesAtOnce() {
        UiClient admin = UiClient.withKey(base(), KEYS.get("admin"));
        admin.get("/ui/admin/users");
        UiClient.Page weak =
                admin.post("/ui/admin/users", Map.of("username", "weak", "password", "short", "role", "viewer"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.body()).contains("12 to 72 characters");
        UiClient.Page created = admin.post(
                "/ui/admin/users", Map.of("username", "ada", "password", "correct horse battery", "role", "viewer"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body()).contains("Created ada (viewer).").doesNotContain("correct horse battery");
        assertThat(admin.post(
                                "/ui/admin/users",
                                Map.of("username", "ada", "password", "another long one", "role", "viewer"))
                        .status())
                .isEqualTo(409);

        UiClient ada = UiClient.withPassword(base(), "ada", "correct horse battery");
        assertThat(ada.get("/ui/prompts").status()).isEqualTo(200);
        assertThat(ada.get("/ui/admin/keys").status()).isEqualTo(403);
        assertThat(UiClient.anonymous(base())
                        .signIn(Map.of("username", "ada", "password", "wrong horse battery"))
                        .status())
                .isEqualTo(401);

        String id = between(admin.get("/ui/admin/users").body(), "name=\"id\" value=\"", "\"");
        admin.post("/ui/admin/users/role", Map.of("id", id, "role", "admin"));
        assertThat(ada.get("/ui/admin/keys").status()).isEqualTo(200);
        admin.post("/ui/admin/users/disable", Map.of("id", id));
        assertThat(ada.get("/ui/prompts").status()).isEqualTo(303);
        assertThat(UiClient.anonymous(base())
                        .signIn(Map.of("username", "ada", "password", "correct horse battery"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void viewersCannotReachAdminPagesOrChangeAnything() {
        UiClient viewer = UiClient.withKey(base(), KEYS.get("viewer"));
        assertThat(viewer.get("/ui/admin/audit").status()).isEqualTo(403);
        UiClient.Page save = viewer.post(
                "/ui/prompt/save",
                Map.of(
                        "newPrompt",
                        "true",
                        "name",
                        "viewer/attempt",
                        "type",
                        "text",
                        "template",
                        "x",
                        "commitMessage",
                        "x"));
        assertThat(save.status()).isEqualTo(403);
        assertThat(get("/api/v1/prompts/viewer/attempt", "viewer").status()).isEqualTo(404);
    }

    @Test
    void pagesCarryAContentSecurityPolicyAndNoInlineScript() {
        UiClient admin = UiClient.withKey(base(), KEYS.get("admin"));
        for (String path : new String[] {
            "/ui/prompts", "/ui/models", "/ui/policies", "/ui/playground", "/ui/admin/keys", "/ui/login"
        }) {
            UiClient.Page page = admin.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.header("Content-Security-Policy"))
                    .as(path)
                    .contains("script-src 'self'")
                    .doesNotContain("unsafe-inline");
            assertThat(page.body()).as(path).doesNotContainPattern("<script(?![^>]*\\ssrc=)");
        }
    }

    @Test
    void theAdminPageShowsANewKeyOnceAndTheAuditLogFilters() {
        UiClient admin = UiClient.withKey(base(), KEYS.get("admin"));
        admin.get("/ui/admin/keys");
        UiClient.Page created = admin.post("/ui/admin/keys", Map.of("name", "from-the-ui", "role", "chat"));
        String secret = between(created.body(), "id=\"new-secret\" readonly value=\"", "\"");
        assertThat(secret).startsWith("pk_");
        assertThat(admin.get("/ui/admin/keys").body()).contains("from-the-ui").doesNotContain(secret);
        assertThat(call("GET", "/v1/models", secret, null).status()).isEqualTo(200);
        UiClient.Page audit = admin.get("/ui/admin/audit?action=api-key.create");
        assertThat(audit.body()).contains("from-the-ui").doesNotContain("ui.login");
        assertThat(admin.get("/ui/admin/audit?action=ui.login").body()).contains("ui.login");
    }

    static String between(String text, String start, String end) {
        int at = text.indexOf(start);
        if (at < 0) {
            throw new IllegalStateException("'" + start + "' is not in the page");
        }
        at += start.length();
        return text.substring(at, text.indexOf(end, at));
    }
}

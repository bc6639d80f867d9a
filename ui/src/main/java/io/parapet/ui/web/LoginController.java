package io.parapet.ui.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import io.parapet.core.ContentHash;
import io.parapet.core.SecureTokens;
import io.parapet.ui.auth.SessionCookie;
import io.parapet.ui.auth.Sessions;
import io.parapet.ui.auth.SignInThrottle;
import io.parapet.ui.auth.UiSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in with an API key or a local user's password, and sign-out. The sign-in form has no session to tie a
 * CSRF token to, so it uses a double-submit token: a random value in a SameSite=Strict cookie and in the form.
 */
@Controller("/ui")
@ExecuteOn(TaskExecutors.BLOCKING)
class LoginController {
    static final String FORM_COOKIE = "parapet_login";

    private final Sessions sessions;
    private final UiSettings settings;
    private final SignInThrottle throttle;

    LoginController(Sessions sessions, UiSettings settings, SignInThrottle throttle) {
        this.sessions = sessions;
        this.settings = settings;
        this.throttle = throttle;
    }

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> home(HttpRequest<?> request) {
        return Pages.redirect(request, "/ui/prompts");
    }

    @Get("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> form(HttpRequest<?> request) {
        return loginPage(request, HttpStatus.OK, null, false, null);
    }

    @Post(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> login(HttpRequest<?> request, @Body Map<String, String> form) {
        String expected = request.getCookies()
                .findCookie(FORM_COOKIE)
                .map(Cookie::getValue)
                .orElse("");
        String sent = form.getOrDefault("_csrf", "");
        if (expected.isEmpty() || !MessageDigest.isEqual(bytes(expected), bytes(sent))) {
            return loginPage(request, HttpStatus.FORBIDDEN, "The sign-in form expired. Please try again.", false, null);
        }
        String key = form.get("key");
        boolean withKey = key != null && !key.isBlank();
        String client = request.getRemoteAddress().getAddress().getHostAddress();
        // A key is its own account (hashed: the throttle's memory never holds a key).
        String account = withKey ? "key:" + ContentHash.sha256(key) : form.get("username");
        long wait = throttle.waitSeconds(client, account);
        if (wait > 0) {
            String error = "Too many failed attempts. Try again in " + wait + " seconds.";
            return loginPage(request, HttpStatus.TOO_MANY_REQUESTS, error, withKey, form.get("username"))
                    .header("Retry-After", String.valueOf(wait));
        }
        Optional<Sessions.Started> started =
                withKey ? sessions.withKey(key) : sessions.withPassword(form.get("username"), form.get("password"));
        if (started.isEmpty()) {
            throttle.failed(client, account);
            String error = withKey ? "That API key is not valid." : "Wrong username or password.";
            return loginPage(request, HttpStatus.UNAUTHORIZED, error, withKey, form.get("username"));
        }
        return HttpResponse.status(HttpStatus.SEE_OTHER)
                .header("Location", "/ui/prompts")
                .cookie(SessionCookie.of(started.get().token(), settings.sessionLifetime(), request))
                .cookie(formCookie("", Duration.ZERO));
    }

    @Post(
            value = "/logout",
            consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<?> logout(HttpRequest<?> request, Authentication auth) {
        String token = request.getCookies()
                .findCookie(SessionCookie.NAME)
                .map(Cookie::getValue)
                .orElse(null);
        sessions.end(token, UiContext.of(auth, "").actor());
        return Pages.redirect(request, "/ui/login").cookie(SessionCookie.cleared(request));
    }

    private MutableHttpResponse<ModelAndView<Map<String, Object>>> loginPage(
            HttpRequest<?> request, HttpStatus status, String error, boolean withKey, String username) {
        String token = SecureTokens.urlSafe(24);
        return HttpResponse.<ModelAndView<Map<String, Object>>>status(status)
                .body(new ModelAndView<>(
                        "login", Map.<String, Object>of("page", new LoginPage(token, error, withKey, username))))
                .cookie(formCookie(token, Duration.ofHours(1)));
    }

    private static Cookie formCookie(String value, Duration maxAge) {
        return Cookie.of(FORM_COOKIE, value)
                .httpOnly(true)
                .sameSite(SameSite.Strict)
                .path("/ui/login")
                .maxAge(maxAge);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package io.parapet.server.ui;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as the server sees it, without a browser: the sign-in form, the session cookie, and the CSRF token of
 * the last page, sent as htmx sends it. Redirects are not followed, so they can be checked.
 */
public final class UiClient {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF = Pattern.compile("data-csrf=\"([^\"]*)\"");
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");

    /** A response: status, body and headers. */
    public record Page(int status, String body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        List<String> headers(String name) {
            return raw.headers().allValues(name);
        }
    }

    private final String base;
    private String session;
    private String csrf;

    private UiClient(String base) {
        this.base = base;
    }

    public static UiClient anonymous(String base) {
        return new UiClient(base);
    }

    public static UiClient withKey(String base, String key) {
        UiClient client = new UiClient(base);
        Page page = client.signIn(Map.of("key", key));
        if (page.status() != 303) {
            throw new IllegalStateException("sign-in with a key failed: " + page.status() + " " + page.body());
        }
        return client;
    }

    static UiClient withPassword(String base, String username, String password) {
        UiClient client = new UiClient(base);
        Page page = client.signIn(Map.of("username", username, "password", password));
        if (page.status() != 303) {
            throw new IllegalStateException("sign-in failed: " + page.status());
        }
        return client;
    }

    /** Fills and sends the sign-in form as a browser would: the form's token in a field and in its cookie. */
    public Page signIn(Map<String, String> fields, String... headers) {
        Page form = send("GET", "/ui/login", null, false);
        String token = match(FORM_TOKEN, form.body());
        String cookie = cookie(form, "parapet_login");
        Map<String, String> body = new LinkedHashMap<>(fields);
        body.put("_csrf", token);
        String[] all = new String[headers.length + 2];
        all[0] = "Cookie";
        all[1] = "parapet_login=" + cookie;
        System.arraycopy(headers, 0, all, 2, headers.length);
        Page page = send("POST", "/ui/login", encode(body), false, all);
        String sessionCookie = cookieOrNull(page, "parapet_session");
        if (page.status() == 303 && sessionCookie != null) {
            session = sessionCookie;
            get("/ui/prompts"); // picks up the CSRF token
        }
        return page;
    }

    public Page get(String path) {
        Page page = send("GET", path, null, false);
        Matcher m = CSRF.matcher(page.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return page;
    }

    /** A form post as htmx makes it: the session's CSRF token in {@code X-CSRF-Token}. */
    public Page post(String path, Map<String, String> form) {
        return send("POST", path, encode(form), true, "X-CSRF-Token", csrf);
    }

    Page postWithoutCsrf(String path, Map<String, String> form) {
        return send("POST", path, encode(form), true);
    }

    Page postWithCsrf(String path, Map<String, String> form, String token) {
        return send("POST", path, encode(form), true, "X-CSRF-Token", token);
    }

    /** The session cookie's token (also to try it where it must not work, such as an API bearer). */
    public String sessionCookie() {
        return session;
    }

    public String csrf() {
        return csrf;
    }

    public Page send(String method, String path, String form, boolean htmx, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (htmx) {
            request.header("HX-Request", "true");
        }
        boolean cookieGiven = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            cookieGiven |= headers[i].equals("Cookie");
        }
        if (session != null && !cookieGiven) {
            request.header("Cookie", "parapet_session=" + session);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String setCookie(Page page, String name) {
        return page.headers("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .findFirst()
                .orElse(null);
    }

    private static String cookie(Page page, String name) {
        String value = cookieOrNull(page, name);
        if (value == null) {
            throw new IllegalStateException("no " + name + " cookie in " + page.headers("Set-Cookie"));
        }
        return value;
    }

    private static String cookieOrNull(Page page, String name) {
        String header = setCookie(page, name);
        return header == null ? null : header.substring(name.length() + 1, header.indexOf(';'));
    }

    private static String match(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no match for " + pattern + " in the page");
        }
        return m.group(1);
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}

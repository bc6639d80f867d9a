package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.core.audit.AuditEntry;
import io.parapet.core.audit.AuditLog;
import io.parapet.core.audit.AuditQuery;
import io.parapet.ui.auth.Users;
import io.parapet.ui.spi.KeyAccounts;
import java.util.Map;

/** Admin pages: API keys (the secret is shown once), users and roles, and the audit log. */
@Controller("/ui/admin")
@Secured("admin")
@ExecuteOn(TaskExecutors.BLOCKING)
class AdminPages {
    private final KeyAccounts keys;
    private final Users users;
    private final AuditLog audit;

    AdminPages(KeyAccounts keys, Users users, AuditLog audit) {
        this.keys = keys;
        this.users = users;
        this.audit = audit;
    }

    @Get("/keys")
    ModelAndView<Map<String, Object>> keys(Authentication auth) {
        return Pages.view(
                "admin-keys", UiContext.of(auth, "admin"), new KeysPage(keys.list(firstPage()), null, null, null));
    }

    @Post(value = "/keys", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> createKey(Authentication auth, @Body Map<String, String> form) {
        UiContext ui = UiContext.of(auth, "admin");
        try {
            String name = form.getOrDefault("name", "").trim();
            String secret = keys.create(name, role(form.get("role")), ui.actor());
            return Pages.view(
                    HttpStatus.OK, "admin-keys", ui, new KeysPage(keys.list(firstPage()), secret, name, null));
        } catch (ParapetException e) {
            return Pages.view(
                    HttpStatus.valueOf(e.problem().status()),
                    "admin-keys",
                    ui,
                    new KeysPage(keys.list(firstPage()), null, null, e.getMessage()));
        }
    }

    @Post(value = "/keys/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> revokeKey(Authentication auth, @Body Map<String, String> form) {
        UiContext ui = UiContext.of(auth, "admin");
        keys.revoke(id(form), ui.actor());
        return Pages.view(HttpStatus.OK, "admin-keys", ui, new KeysPage(keys.list(firstPage()), null, null, null));
    }

    @Get("/users")
    ModelAndView<Map<String, Object>> users(Authentication auth) {
        return Pages.view(
                "admin-users", UiContext.of(auth, "admin"), new UsersPage(users.list(firstPage()), null, null));
    }

    @Post(value = "/users", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> createUser(Authentication auth, @Body Map<String, String> form) {
        UiContext ui = UiContext.of(auth, "admin");
        try {
            Users.UserRow created =
                    users.create(form.get("username"), form.get("password"), role(form.get("role")), ui.actor());
            return usersPage(
                    ui,
                    HttpStatus.OK,
                    "Created " + created.username() + " (" + created.role().wireName() + ").",
                    null);
        } catch (ParapetException e) {
            return usersPage(ui, HttpStatus.valueOf(e.problem().status()), null, e.getMessage());
        }
    }

    @Post(value = "/users/disable", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> disableUser(Authentication auth, @Body Map<String, String> form) {
        UiContext ui = UiContext.of(auth, "admin");
        users.disable(id(form), ui.actor());
        return usersPage(ui, HttpStatus.OK, "Disabled; their sessions have ended.", null);
    }

    @Post(value = "/users/role", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> changeRole(Authentication auth, @Body Map<String, String> form) {
        UiContext ui = UiContext.of(auth, "admin");
        try {
            users.changeRole(id(form), role(form.get("role")), ui.actor());
            return usersPage(ui, HttpStatus.OK, "Role changed.", null);
        } catch (ParapetException e) {
            return usersPage(ui, HttpStatus.valueOf(e.problem().status()), null, e.getMessage());
        }
    }

    @Get("/audit")
    ModelAndView<Map<String, Object>> audit(
            Authentication auth,
            @QueryValue @Nullable String actor,
            @QueryValue @Nullable String action,
            @QueryValue @Nullable String targetType,
            @QueryValue @Nullable String target,
            @QueryValue @Nullable Integer page) {
        AuditQuery query = new AuditQuery(
                blankToNull(actor), blankToNull(action), blankToNull(targetType), blankToNull(target), null, null);
        Page<AuditEntry> entries = audit.find(query, new PageRequest(page == null ? 0 : page, 50));
        return Pages.view("admin-audit", UiContext.of(auth, "admin"), new AuditPage(query, entries));
    }

    private HttpResponse<?> usersPage(UiContext ui, HttpStatus status, String notice, String error) {
        return Pages.view(status, "admin-users", ui, new UsersPage(users.list(firstPage()), notice, error));
    }

    private static PageRequest firstPage() {
        return new PageRequest(0, 200);
    }

    private static Role role(String value) {
        try {
            return Role.parse(value == null ? "" : value);
        } catch (RuntimeException e) {
            throw ParapetException.invalidField("role", "must be viewer, editor, publisher, admin or chat");
        }
    }

    private static long id(Map<String, String> form) {
        try {
            return Long.parseLong(form.getOrDefault("id", ""));
        } catch (NumberFormatException e) {
            throw ParapetException.invalidField("id", "must be a number");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

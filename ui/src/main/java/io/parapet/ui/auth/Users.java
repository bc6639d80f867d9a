package io.parapet.ui.auth;

import io.micronaut.data.model.Sort;
import io.parapet.core.Actor;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.core.audit.AuditLog;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Local user accounts, created by an admin. Passwords are BCrypt-hashed; a failed sign-in costs the same
 * whether or not the user exists, so timing does not reveal usernames.
 */
@Singleton
public class Users {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,99}");
    static final int MIN_PASSWORD = 12;

    /** A user as the admin page shows it. */
    public record UserRow(long id, String username, Role role, Instant createdAt, String createdBy, boolean disabled) {}

    private final UserRepository users;
    private final SessionRepository sessions;
    private final AuditLog audit;
    private final Clock clock;
    private final BCryptPasswordEncoder encoder;
    private final String dummyHash;

    Users(UserRepository users, SessionRepository sessions, AuditLog audit, Clock clock, UiSettings settings) {
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
        this.encoder = new BCryptPasswordEncoder(settings.bcryptStrength());
        this.dummyHash = encoder.encode("no such user; this hash only spends the time a real check would");
    }

    @Transactional
    public UserRow create(String username, String password, Role role, Actor actor) {
        actor.require(Role.ADMIN, "create users");
        String name = username == null ? "" : username.trim();
        if (!USERNAME.matcher(name).matches()) {
            throw ParapetException.invalidField(
                    "username",
                    "use 2-100 lower-case letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 72) {
            throw ParapetException.invalidField(
                    "password", "must be " + MIN_PASSWORD + " to 72 characters (BCrypt reads no further)");
        }
        if (role == null) {
            throw ParapetException.invalidField("role", "is required: viewer, editor, publisher or admin");
        }
        Instant now = clock.instant();
        if (users.insertIfAbsent(name, encoder.encode(password), role.wireName(), now, actor.name()) == 0) {
            throw ParapetException.conflict("user '" + name + "' already exists");
        }
        UserEntity saved = users.findByUsername(name).orElseThrow();
        audit.record(actor, "user.create", "user", name, null, null, "role " + role.wireName());
        return toRow(saved);
    }

    @Transactional
    public void disable(long id, Actor actor) {
        actor.require(Role.ADMIN, "disable users");
        UserEntity user = users.findById(id).orElseThrow(() -> ParapetException.notFound("no user " + id));
        if (users.disable(id, clock.instant()) == 1) {
            sessions.deleteByUser(id);
            audit.record(actor, "user.disable", "user", user.username(), null, null, null);
        }
    }

    @Transactional
    public void changeRole(long id, Role role, Actor actor) {
        actor.require(Role.ADMIN, "change roles");
        UserEntity user = users.findById(id).orElseThrow(() -> ParapetException.notFound("no user " + id));
        if (role == null) {
            throw ParapetException.invalidField("role", "is required: viewer, editor, publisher or admin");
        }
        if (users.updateRole(id, role.wireName()) == 1) {
            audit.record(
                    actor, "user.role", "user", user.username(), null, null, user.role() + " -> " + role.wireName());
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<UserRow> list(PageRequest page) {
        return Page.of(users.findAll(page.pageable(Sort.of(Sort.Order.asc("username")))))
                .map(Users::toRow);
    }

    /** The user these credentials belong to, if they are right and the user is enabled. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UserRow> authenticate(String username, String password) {
        Optional<UserEntity> user = users.findByUsername(username == null ? "" : username.trim());
        String hash = user.map(UserEntity::passwordHash).orElse(dummyHash);
        boolean matches = password != null && password.length() <= 72 && encoder.matches(password, hash);
        return user.filter(u -> matches && u.disabledAt() == null).map(Users::toRow);
    }

    Optional<UserRow> active(long id) {
        return users.findById(id).filter(u -> u.disabledAt() == null).map(Users::toRow);
    }

    private static UserRow toRow(UserEntity e) {
        return new UserRow(
                e.id(), e.username(), Role.parse(e.role()), e.createdAt(), e.createdBy(), e.disabledAt() != null);
    }
}

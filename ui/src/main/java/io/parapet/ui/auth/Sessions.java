package io.parapet.ui.auth;

import io.parapet.core.Actor;
import io.parapet.core.ContentHash;
import io.parapet.core.SecureTokens;
import io.parapet.core.audit.AuditLog;
import io.parapet.ui.spi.KeyAccounts;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Browser sessions, kept in the database so any instance can serve them and logout really ends them. The cookie
 * carries 256 random bits; only their SHA-256 is stored. Each session has its own CSRF token, which every
 * state-changing request must echo ({@link CsrfFilter}). Who the session acts as is read fresh on every request,
 * so a disabled user or a revoked key is signed out at once, and a role change applies at once.
 */
@Singleton
public class Sessions {
    static final String TOKEN_PREFIX = "ps_";

    /** An open session: who it acts as and the CSRF token its pages carry. */
    public record Open(long id, Actor actor, String csrfToken, Instant expiresAt) {}

    /** A new session's cookie token (shown to the browser once) and the session. */
    public record Started(String token, Open session) {}

    private final SessionRepository sessions;
    private final Users users;
    private final KeyAccounts keys;
    private final AuditLog audit;
    private final Clock clock;
    private final UiSettings settings;

    Sessions(
            SessionRepository sessions,
            Users users,
            KeyAccounts keys,
            AuditLog audit,
            Clock clock,
            UiSettings settings) {
        this.sessions = sessions;
        this.users = users;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    /** Signs in with a user's password; empty when the credentials are wrong or the user is disabled. */
    @Transactional
    public Optional<Started> withPassword(String username, String password) {
        return users.authenticate(username, password)
                .map(u -> start(u.id(), null, new Actor(u.username(), u.role().implied())));
    }

    /** Signs in with an API key; the session acts with the key's name and roles for as long as the key lives. */
    @Transactional
    public Optional<Started> withKey(String key) {
        // A chat key is for the gateway only: it opens no UI session.
        return keys.authenticate(key == null ? "" : key.trim())
                .filter(k -> k.roles().contains(io.parapet.core.Role.VIEWER))
                .map(k -> start(null, k.id(), new Actor(k.name(), k.roles())));
    }

    /** The session a cookie token names, if it is open and whoever it acts for may still act. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Open> find(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return sessions.findByTokenHash(ContentHash.sha256(token))
                .filter(s -> s.expiresAt().isAfter(now))
                .flatMap(s -> actorOf(s).map(actor -> new Open(s.id(), actor, s.csrfToken(), s.expiresAt())));
    }

    /** Ends the session; logging out twice is harmless. */
    @Transactional
    public void end(String token, Actor actor) {
        if (token != null && sessions.deleteByToken(ContentHash.sha256(token)) == 1) {
            audit.record(actor, "ui.logout", "session", actor.name(), null, null, null);
        }
    }

    /** Removes expired rows; run now and then. */
    @Transactional
    public int purgeExpired() {
        return sessions.deleteExpired(clock.instant());
    }

    private Started start(Long userId, Long keyId, Actor actor) {
        String token = TOKEN_PREFIX + SecureTokens.urlSafe(32);
        Instant now = clock.instant();
        SessionEntity saved = sessions.save(new SessionEntity(
                null,
                ContentHash.sha256(token),
                SecureTokens.urlSafe(32),
                userId,
                keyId,
                now,
                now.plus(settings.sessionLifetime())));
        audit.record(actor, "ui.login", "session", actor.name(), null, null, userId != null ? "password" : "api key");
        return new Started(token, new Open(saved.id(), actor, saved.csrfToken(), saved.expiresAt()));
    }

    private Optional<Actor> actorOf(SessionEntity s) {
        if (s.userId() != null) {
            return users.active(s.userId())
                    .map(u -> new Actor(u.username(), u.role().implied()));
        }
        return keys.active(s.apiKeyId()).map(k -> new Actor(k.name(), k.roles()));
    }
}

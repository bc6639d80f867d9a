package io.parapet.ui.spi;

import io.micronaut.core.annotation.Nullable;
import io.parapet.core.Actor;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The API keys, as the UI needs them: to sign in with a key, and to manage keys on the admin page. The server
 * module owns keys and implements this; the UI sits below it and sees only this port.
 */
public interface KeyAccounts {
    /** A key that may act: its id, name and effective roles. */
    record KeyIdentity(long id, String name, java.util.Set<Role> roles) {}

    /** A key as the admin page lists it; never the secret. */
    record KeyRow(
            long id,
            String name,
            String prefix,
            List<String> roles,
            Instant createdAt,
            String createdBy,
            @Nullable Instant revokedAt) {}

    /** The identity of a presented key, or empty when it is unknown or revoked. */
    Optional<KeyIdentity> authenticate(String key);

    /** The identity of key {@code id} if it is still active. */
    Optional<KeyIdentity> active(long id);

    Page<KeyRow> list(PageRequest page);

    /** Creates a key with one role; returns the secret, which is shown once and never again. */
    String create(String name, Role role, Actor actor);

    void revoke(long id, Actor actor);
}

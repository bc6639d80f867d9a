package io.parapet.server.security;

import io.parapet.core.Actor;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.Role;
import io.parapet.ui.spi.KeyAccounts;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** The UI's view of API keys: sign-in with a key, and the admin page's list, create and revoke. */
@Singleton
class UiKeyAccounts implements KeyAccounts {
    private final ApiKeyService keys;

    UiKeyAccounts(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public Optional<KeyIdentity> authenticate(String key) {
        Optional<Actor> actor = keys.authenticate(key);
        KeyGatewaySettings.OfKey known = keys.gatewaySettings(key);
        if (actor.isEmpty() || known == null) {
            return Optional.empty();
        }
        return Optional.of(
                new KeyIdentity(known.keyId(), actor.get().name(), actor.get().roles()));
    }

    @Override
    public Optional<KeyIdentity> active(long id) {
        return keys.activeById(id).map(a -> new KeyIdentity(id, a.name(), a.roles()));
    }

    @Override
    public Page<KeyRow> list(PageRequest page) {
        return keys.list(page)
                .map(k -> new KeyRow(
                        k.id(), k.name(), k.prefix(), k.roles(), k.createdAt(), k.createdBy(), k.revokedAt()));
    }

    @Override
    public String create(String name, Role role, Actor actor) {
        return keys.create(new CreateApiKeyRequest(name, List.of(role.wireName())), actor)
                .key();
    }

    @Override
    public void revoke(long id, Actor actor) {
        keys.revoke(id, actor);
    }
}

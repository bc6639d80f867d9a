package io.parapet.server.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.model.Sort;
import io.parapet.core.Actor;
import io.parapet.core.ContentHash;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.core.SecureTokens;
import io.parapet.core.Text;
import io.parapet.core.audit.AuditLog;
import io.parapet.gateway.PolicyResolver;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * API keys: 256 random bits shown once, stored as SHA-256 (a slow hash buys nothing for keys this long, and
 * lookup by hash stays one index probe). Authentication results are cached briefly
 * ({@code parapet.security.key-cache-ttl}, 10 s); a revoke clears this instance's cache at once and other instances'
 * within that time. While the database cannot be reached, a key's last answer keeps serving for up to
 * {@link #OUTAGE_GRACE} past its expiry ({@link #lastKnown}), as the gateway keeps serving last known prompt versions:
 * an outage of the database must not log every chat app out.
 */
@Singleton
public class ApiKeyService {
    static final Duration OUTAGE_GRACE = Duration.ofMinutes(15);
    private static final String KEY_PREFIX = "pk_";

    private final ApiKeyRepository keys;
    private final PolicyResolver policies;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration cacheTtl;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<Actor> actor, KeyGatewaySettings.OfKey gateway, Instant expires) {}

    ApiKeyService(
            ApiKeyRepository keys,
            AuditLog audit,
            Clock clock,
            PolicyResolver policies,
            @Value("${parapet.security.key-cache-ttl:10s}") Duration cacheTtl) {
        this.policies = policies;
        this.cacheTtl = cacheTtl;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ApiKeyView create(CreateApiKeyRequest request, Actor actor) {
        actor.require(Role.ADMIN, "create API keys");
        String name = request.name();
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ParapetException.invalidField("name", "is required, at most 100 characters");
        }
        Text.requireStorable(name, "name");
        if (request.roles() == null || request.roles().isEmpty()) {
            throw ParapetException.invalidField("roles", "give at least one of viewer, editor, publisher, admin, chat");
        }
        Set<Role> roles = request.roles().stream()
                .map(Role::parse)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        KeyGatewaySettings gateway = request.gateway() == null ? KeyGatewaySettings.DEFAULTS : request.gateway();
        check(gateway);
        return issue(name, roles, newKey(), gateway, actor);
    }

    private void check(KeyGatewaySettings g) {
        if (g.requestsPerMinute() != null && (g.requestsPerMinute() < 0 || g.requestsPerMinute() > 1_000_000)) {
            throw ParapetException.invalidField(
                    "gateway.requestsPerMinute", "must be between 0 (no limit) and 1000000");
        }
        if (g.tokensPerMinute() != null && (g.tokensPerMinute() < 0 || g.tokensPerMinute() > 1_000_000_000L)) {
            throw ParapetException.invalidField(
                    "gateway.tokensPerMinute", "must be between 0 (no limit) and 1000000000");
        }
        if (g.defaultPolicy() != null && !g.defaultPolicy().equals("none")) {
            policies.resolve(g.defaultPolicy()); // a 400 or 404 when it names no policy
        }
    }

    /** Stores {@code key} (already generated or given by the operator) for {@code name}. */
    @Transactional
    public ApiKeyView issue(String name, Set<Role> roles, String key, Actor actor) {
        return issue(name, roles, key, KeyGatewaySettings.DEFAULTS, actor);
    }

    /**
     * Stores a chat key known only by its SHA-256 ({@code hash}, 64 hex digits), as an edge gateway receives its keys
     * from a mounted Secret: the key itself never reaches this process's configuration.
     */
    @Transactional
    public void admitHashed(String name, String hash, Actor actor) {
        save(name, Set.of(Role.CHAT), "(hashed)", hash, KeyGatewaySettings.DEFAULTS, actor);
    }

    private ApiKeyView issue(String name, Set<Role> roles, String key, KeyGatewaySettings gateway, Actor actor) {
        ApiKeyEntity saved = save(name, roles, prefixOf(key), ContentHash.sha256(key), gateway, actor);
        ApiKeyView view = toView(saved);
        return new ApiKeyView(
                view.id(),
                view.name(),
                view.prefix(),
                view.roles(),
                view.createdAt(),
                view.createdBy(),
                null,
                view.gateway(),
                key);
    }

    private ApiKeyEntity save(
            String name, Set<Role> roles, String prefix, String hash, KeyGatewaySettings gateway, Actor actor) {
        Instant now = clock.instant();
        ApiKeyEntity saved = keys.save(new ApiKeyEntity(
                null,
                name,
                prefix,
                hash,
                roles.stream().map(Role::wireName).sorted().collect(Collectors.joining(",")),
                now,
                actor.name(),
                null,
                gateway.defaultPolicy(),
                gateway.requestsPerMinute(),
                gateway.tokensPerMinute()));
        audit.record(
                actor, "api-key.create", "api-key", String.valueOf(saved.id()), null, null, name + " " + saved.roles());
        return saved;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ApiKeyView> list(PageRequest page) {
        return Page.of(keys.findAll(page.pageable(Sort.of(Sort.Order.asc("id")))))
                .map(ApiKeyService::toView);
    }

    @Transactional
    public void revoke(long id, Actor actor) {
        actor.require(Role.ADMIN, "revoke API keys");
        ApiKeyEntity key =
                keys.findById(id).orElseThrow(() -> ParapetException.notFound("API key " + id + " does not exist"));
        if (key.revokedAt() != null) {
            throw ParapetException.conflict("API key " + id + " was already revoked at " + key.revokedAt());
        }
        keys.revoke(id, clock.instant());
        audit.record(actor, "api-key.revoke", "api-key", String.valueOf(id), null, null, key.name());
        cache.remove(key.keyHash());
    }

    /** Whether a key with this exact secret exists (used to seed the bootstrap admin key once). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean exists(String key) {
        return keys.findByKeyHash(ContentHash.sha256(key)).isPresent();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long activeCount() {
        return keys.countByRevokedAtIsNull();
    }

    /** The cached answer for {@code key} when it is fresh, without touching the database; null otherwise. */
    public Optional<Actor> cached(String key) {
        Cached hit = cache.get(ContentHash.sha256(key));
        return hit != null && hit.expires().isAfter(clock.instant()) ? hit.actor() : null;
    }

    /**
     * The last answer for {@code key}, stale or not, while it is at most {@link #OUTAGE_GRACE} past its expiry; null
     * otherwise. For when the database cannot be reached: a key revoked on another instance just before an outage
     * keeps working through it, which is the price of chat apps not failing with the database.
     */
    public Optional<Actor> lastKnown(String key) {
        Cached hit = cache.get(ContentHash.sha256(key));
        return hit != null && hit.expires().plus(OUTAGE_GRACE).isAfter(clock.instant()) ? hit.actor() : null;
    }

    /** The gateway settings of a key {@link #authenticate} accepted moments ago (it is cached); null otherwise. */
    public KeyGatewaySettings.OfKey gatewaySettings(String key) {
        Cached hit = cache.get(ContentHash.sha256(key));
        return hit == null ? null : hit.gateway();
    }

    /** The actor a presented key stands for, or empty when it is unknown or revoked. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Actor> authenticate(String key) {
        if (key == null || !key.startsWith(KEY_PREFIX) || key.length() > 200) {
            return Optional.empty();
        }
        String hash = ContentHash.sha256(key);
        Instant now = clock.instant();
        Cached hit = cache.get(hash);
        if (hit != null && hit.expires().isAfter(now)) {
            return hit.actor();
        }
        Optional<ApiKeyEntity> entity = keys.findByKeyHash(hash).filter(k -> k.revokedAt() == null);
        KeyGatewaySettings.OfKey gateway = entity.map(k -> new KeyGatewaySettings.OfKey(k.id(), k.gateway()))
                .orElse(null);
        Optional<Actor> actor = entity.map(ApiKeyService::actorOf);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(hash, new Cached(actor, gateway, now.plus(cacheTtl)));
        return actor;
    }

    /** The actor key {@code id} stands for, while it is not revoked (browser sessions opened with a key). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Actor> activeById(long id) {
        return keys.findById(id).filter(k -> k.revokedAt() == null).map(ApiKeyService::actorOf);
    }

    private static Actor actorOf(ApiKeyEntity k) {
        return new Actor(
                k.name(),
                Arrays.stream(k.roles().split(","))
                        .map(Role::parse)
                        .flatMap(r -> r.implied().stream())
                        .collect(Collectors.toSet()));
    }

    public static String newKey() {
        return SecureTokens.apiKey();
    }

    private static String prefixOf(String key) {
        return key.substring(0, Math.min(key.length(), 10));
    }

    private static ApiKeyView toView(ApiKeyEntity e) {
        return new ApiKeyView(
                e.id(),
                e.name(),
                e.prefix(),
                List.of(e.roles().split(",")),
                e.createdAt(),
                e.createdBy(),
                e.revokedAt(),
                e.gateway().equals(KeyGatewaySettings.DEFAULTS) ? null : e.gateway(),
                null);
    }
}

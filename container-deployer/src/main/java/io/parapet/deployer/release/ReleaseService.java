package io.parapet.deployer.release;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.model.Sort;
import io.parapet.core.Actor;
import io.parapet.core.ContentHash;
import io.parapet.core.Json;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.core.Text;
import io.parapet.core.audit.AuditLog;
import io.parapet.deployer.release.internal.ReleaseEntity;
import io.parapet.deployer.release.internal.ReleaseRepository;
import io.parapet.registry.ModelService;
import io.parapet.registry.ModelVersion;
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.Saved;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Releases: made by publishers from prompt references resolved at that moment, stored once per content (the same
 * content again is the same release), audited, listed, read by number or digest, and compared.
 */
@Singleton
public class ReleaseService {
    static final int MAX_DESCRIPTION = 2000;

    private final ReleaseRepository releases;
    private final ReleaseResolver resolver;
    private final PromptService prompts;
    private final ModelService models;
    private final AuditLog audit;
    private final Clock clock;

    ReleaseService(
            ReleaseRepository releases,
            ReleaseResolver resolver,
            PromptService prompts,
            ModelService models,
            AuditLog audit,
            Clock clock) {
        this.releases = releases;
        this.prompts = prompts;
        this.models = models;
        this.resolver = resolver;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Saved<Release> create(ReleaseSpec spec, Actor actor) {
        actor.require(Role.PUBLISHER, "make releases");
        if (spec == null) {
            throw ParapetException.invalid("a release needs a body: {prompts: [name@label, …], credentials?}");
        }
        String description = spec.description() == null ? "" : spec.description();
        if (description.length() > MAX_DESCRIPTION) {
            throw ParapetException.invalidField("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        Text.requireStorable(description, "description");
        ReleaseContent content = resolver.resolve(spec);
        JsonNode tree = Json.mapper().valueToTree(content);
        String digest = "sha256:" + ContentHash.of(tree);
        Instant now = clock.instant();
        boolean created =
                releases.insertIfAbsent(digest, ContentHash.canonical(tree), description, actor.name(), now) == 1;
        ReleaseEntity row = releases.findByDigest(digest).orElseThrow();
        if (created) {
            audit.record(
                    actor,
                    "release.create",
                    "release",
                    String.valueOf(row.id()),
                    null,
                    digest.substring("sha256:".length()), // the audit keeps hashes as 64 hex digits
                    content.prompts().size() + " prompt(s): "
                            + Text.clip(
                                    String.join(
                                            ", ",
                                            content.prompts().stream()
                                                    .map(p -> p.name() + "#" + p.version())
                                                    .toList()),
                                    500));
        }
        return new Saved<>(view(row), created);
    }

    /** A release by number ({@code 12}) or digest ({@code sha256:…}). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Release get(String ref) {
        return view(row(ref));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Release> list(PageRequest page) {
        return Page.of(releases.findAll(page.pageable(Sort.of(Sort.Order.desc("id")))))
                .map(this::view);
    }

    /** The newest release made before release {@code id}, if any. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Optional<Release> previous(long id) {
        return releases.findFirstByIdLessThanOrderByIdDesc(id).map(this::view);
    }

    /**
     * Release {@code ref} with the content of every version it pins, each checked against its pinned hash (versions
     * are immutable, so a mismatch means the database was edited by hand: a 409, never a silently different image).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ReleaseBundle bundle(String ref) {
        Release release = get(ref);
        ReleaseContent c = release.content();
        var prompts = c.prompts().stream()
                .map(p -> checked(this.prompts.resolve(p.name(), null, p.version()), p.contentHash()))
                .toList();
        var policies = c.policies().stream()
                .map(p -> checked(this.prompts.resolve(p.name(), null, p.version()), p.contentHash()))
                .toList();
        var models = c.models().stream()
                .map(m -> {
                    ModelVersion v = this.models.get(m.name(), m.version());
                    requireSame(m.ref(), v.contentHash(), m.contentHash());
                    return v;
                })
                .toList();
        return new ReleaseBundle(release, prompts, policies, models);
    }

    private static PromptVersion checked(PromptVersion v, String pinned) {
        requireSame(v.name() + "#" + v.version(), v.contentHash(), pinned);
        return v;
    }

    private static void requireSame(String ref, String held, String pinned) {
        if (!held.equals(pinned)) {
            throw ParapetException.conflict(ref + " no longer has the content the release pinned");
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ReleaseDiff diff(String from, String to) {
        Release a = get(from);
        Release b = get(to);
        return ReleaseDiffs.between(a, b);
    }

    private ReleaseEntity row(String ref) {
        if (ref != null && ref.matches("[1-9][0-9]{0,17}")) {
            return releases.findById(Long.parseLong(ref))
                    .orElseThrow(() -> ParapetException.notFound("release " + ref + " does not exist"));
        }
        if (ref != null && ref.matches("sha256:[0-9a-f]{64}")) {
            return releases.findByDigest(ref)
                    .orElseThrow(() -> ParapetException.notFound("no release has the digest " + ref));
        }
        throw ParapetException.invalidField("release", "is a release number or its digest (sha256:…)");
    }

    private Release view(ReleaseEntity r) {
        return new Release(
                r.id(),
                r.digest(),
                r.description(),
                Json.mapper().convertValue(Json.read(r.content()), ReleaseContent.class),
                r.createdBy(),
                r.createdAt());
    }
}

package io.parapet.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.data.model.Sort;
import io.parapet.core.Actor;
import io.parapet.core.ContentHash;
import io.parapet.core.CredentialCipher;
import io.parapet.core.Json;
import io.parapet.core.OutboundUrlPolicy;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.core.Text;
import io.parapet.core.audit.AuditLog;
import io.parapet.registry.internal.ContentRules;
import io.parapet.registry.internal.ModelEntity;
import io.parapet.registry.internal.ModelRepository;
import io.parapet.registry.internal.ModelVersionEntity;
import io.parapet.registry.internal.ModelVersionRepository;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The model catalog: models versioned like prompts. Credentials are encrypted with AES-GCM and never leave this
 * class except through {@link #credential}, which the gateway will use to call providers.
 */
@Singleton
public class ModelService {
    private final ModelRepository models;
    private final ModelVersionRepository versions;
    private final CredentialCipher cipher;
    private final AuditLog audit;
    private final Clock clock;
    private final RegistryChanges changes;
    private final ModelUsage usage;
    private final OutboundUrlPolicy outbound;

    ModelService(
            ModelRepository models,
            ModelVersionRepository versions,
            CredentialCipher cipher,
            AuditLog audit,
            Clock clock,
            RegistryChanges changes,
            ModelUsage usage,
            OutboundUrlPolicy outbound) {
        this.models = models;
        this.versions = versions;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
        this.changes = changes;
        this.usage = usage;
        this.outbound = outbound;
    }

    @Transactional
    public Saved<ModelVersion> createVersion(String name, CreateModelVersionRequest request, Actor actor) {
        actor.require(Role.EDITOR, "create model versions");
        Names.checkPrompt(name, "name");
        ModelContent content = check(request);
        if (content.baseUrl() != null && !content.provider().isDevelopment()) {
            outbound.check(content.baseUrl(), "baseUrl");
        }
        String commitMessage = Text.requireStorable(request.commitMessage(), "commitMessage");
        String credential = request.credential();
        ObjectNode hashed = Json.mapper().valueToTree(content);
        hashed.put("credentialFingerprint", credential == null ? null : cipher.fingerprint(credential));
        String hash = ContentHash.of(hashed);

        Instant now = clock.instant();
        boolean createdModel = models.insertIfAbsent(name, now) == 1;
        ModelEntity model = models.findByNameForUpdate(name).orElseThrow();
        // (A seeded model counts from a number whose version it does not hold: see RegistrySeed.)
        var latest = versions.findByModelIdAndVersion(model.id(), model.latestVersion());
        if (latest.isPresent() && latest.get().contentHash().equals(hash)) {
            return new Saved<>(toVersion(model, latest.get()), false);
        }
        if (model.latestVersion() > 0) {
            requirePublisherIfProductionFollows(name, actor);
        }
        int number = model.latestVersion() + 1;
        ModelVersionEntity row = versions.save(new ModelVersionEntity(
                null,
                model.id(),
                number,
                ContentHash.canonical(Json.mapper().valueToTree(content)),
                hash,
                credential == null ? null : cipher.encrypt(credential),
                commitMessage == null ? "" : commitMessage,
                actor.name(),
                now));
        models.updateLatest(model.id(), number, now);
        if (createdModel) {
            audit.record(actor, "model.create", "model", name, null, null, null);
        }
        audit.record(
                actor,
                "model.version.create",
                "model",
                name + "#" + number,
                null,
                hash,
                content.provider().wire() + " " + content.modelId() + (credential == null ? "" : " (with credential)"));
        changes.modelVersionCreated(name, number, hash, actor);
        return new Saved<>(toVersion(model, row), true);
    }

    /**
     * Makes the model's latest content equal {@code request}, which carries no credential (bundles in git never
     * hold secrets). The latest version's credential follows only to the same destination (provider and base URL);
     * to a new destination it follows only when an admin asks with {@code keepCredential}, since whoever controls
     * that host would receive it.
     */
    @Transactional
    public Ensured ensureContent(String name, CreateModelVersionRequest request, boolean keepCredential, Actor actor) {
        if (keepCredential && !actor.has(Role.ADMIN)) {
            throw ParapetException.forbidden(
                    "only an admin may keep a model's credential for a new destination (keepCredential)");
        }
        ModelEntity model = models.findByName(name).orElse(null);
        if (model == null || model.latestVersion() == 0) {
            return new Ensured(createVersion(name, request, actor), CredentialFate.NONE);
        }
        ModelVersionEntity latest = row(model, model.latestVersion());
        ModelContent wanted = check(request);
        if (ContentHash.canonical(Json.mapper().valueToTree(wanted)).equals(latest.content())) {
            return new Ensured(new Saved<>(toVersion(model, latest), false), CredentialFate.NONE);
        }
        CredentialFate fate = credentialFate(latest, wanted, keepCredential);
        String credential = fate.kept() ? cipher.decrypt(latest.credentialCiphertext()) : null;
        Saved<ModelVersion> saved = createVersion(
                name,
                new CreateModelVersionRequest(
                        request.provider(),
                        request.modelId(),
                        request.baseUrl(),
                        request.parameters(),
                        credential,
                        request.commitMessage(),
                        request.prices()),
                actor);
        return new Ensured(saved, saved.created() ? fate : CredentialFate.NONE);
    }

    /** What {@link #ensureContent} did, and what became of the stored credential. */
    public record Ensured(Saved<ModelVersion> saved, CredentialFate credential) {}

    /** What became of a model's stored credential when a bundle changed the model. */
    public enum CredentialFate {
        NONE("no stored credential"),
        KEPT_SAME_DESTINATION("credential kept: same provider and base URL"),
        KEPT_BY_ADMIN("credential kept for the new destination, as an admin asked"),
        DROPPED_NEW_DESTINATION("credential dropped: provider or base URL changed (an admin may pass keepCredential)");

        private final String detail;

        CredentialFate(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }

        boolean kept() {
            return this == KEPT_SAME_DESTINATION || this == KEPT_BY_ADMIN;
        }
    }

    private static CredentialFate credentialFate(ModelVersionEntity latest, ModelContent wanted, boolean keep) {
        if (latest.credentialCiphertext() == null) {
            return CredentialFate.NONE;
        }
        ModelContent before = Json.convert(Json.read(latest.content()), ModelContent.class);
        boolean sameDestination =
                before.provider() == wanted.provider() && java.util.Objects.equals(before.baseUrl(), wanted.baseUrl());
        if (sameDestination) {
            return CredentialFate.KEPT_SAME_DESTINATION;
        }
        return keep ? CredentialFate.KEPT_BY_ADMIN : CredentialFate.DROPPED_NEW_DESTINATION;
    }

    private void requirePublisherIfProductionFollows(String name, Actor actor) {
        if (actor.has(Role.PUBLISHER)) {
            return;
        }
        int followers = usage.protectedFollowers(name);
        if (followers > 0) {
            actor.require(
                    Role.PUBLISHER,
                    "change model '" + name + "': " + followers
                            + " prompt version(s) under a protected label call its latest version");
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ModelSummary> list() {
        return models.findAllOrderByName().stream()
                .filter(m -> m.latestVersion() > 0)
                .map(m -> {
                    ModelVersion v = toVersion(m, row(m, m.latestVersion()));
                    return new ModelSummary(
                            m.name(), m.latestVersion(), v.provider(), v.modelId(), v.development(), m.updatedAt());
                })
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ModelVersion get(String name, Integer version) {
        ModelEntity model = model(name);
        return toVersion(model, row(model, version == null ? model.latestVersion() : version));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ModelVersion> versions(String name, PageRequest page) {
        ModelEntity model = model(name);
        return Page.of(versions.findByModelId(model.id(), page.pageable(Sort.of(Sort.Order.desc("version")))))
                .map(v -> toVersion(model, v));
    }

    /** Whether {@code ref} names an existing model (and version); a 400 naming the problem otherwise. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void checkExists(ModelRef ref, String field) {
        ModelEntity model = models.findByName(ref.name())
                .orElseThrow(
                        () -> ParapetException.invalidField(field, "model '" + ref.name() + "' is not in the catalog"));
        if (ref.version() != null && ref.version() > model.latestVersion()) {
            throw ParapetException.invalidField(
                    field,
                    "model '" + ref.name() + "' has no version " + ref.version() + " (latest is "
                            + model.latestVersion() + ")");
        }
        for (int i = 0; i < ref.clientOverrideNames().size(); i++) {
            if (!ModelParameters.WIRE_NAMES.contains(ref.clientOverrideNames().get(i))) {
                throw ParapetException.invalidField(
                        field + ".clientOverrides[" + i + "]", "must be one of " + ModelParameters.WIRE_NAMES);
            }
        }
        for (int i = 0; i < ref.fallbackNames().size(); i++) {
            String fallback = ref.fallbackNames().get(i);
            if (fallback == null || models.findByName(fallback).isEmpty() || fallback.equals(ref.name())) {
                throw ParapetException.invalidField(
                        field + ".fallbacks[" + i + "]", "'" + fallback + "' is not another model in the catalog");
            }
        }
    }

    /** The decrypted credential of a model version, for calling its provider. Never log or return it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String credential(String name, int version) {
        ModelEntity model = model(name);
        String sealed = row(model, version).credentialCiphertext();
        return sealed == null ? null : cipher.decrypt(sealed);
    }

    private static ModelContent check(CreateModelVersionRequest r) {
        if (r.provider() == null) {
            throw ParapetException.invalidField(
                    "provider", "is required: one of openai, anthropic, ollama, azure-openai, echo");
        }
        String modelId = r.modelId();
        if (r.provider() == Provider.ECHO) {
            if (r.credential() != null) {
                throw ParapetException.invalidField("credential", "the echo development provider takes no credential");
            }
            modelId = modelId == null ? "echo" : modelId;
        }
        if (modelId == null || modelId.isBlank() || modelId.length() > 200) {
            throw ParapetException.invalidField("modelId", "is required (at most 200 characters), e.g. gpt-4o-mini");
        }
        Text.requireStorable(modelId, "modelId");
        String baseUrl = r.baseUrl() == null ? r.provider().defaultBaseUrl() : r.baseUrl();
        if (r.provider() == Provider.AZURE_OPENAI && baseUrl == null) {
            throw ParapetException.invalidField("baseUrl", "is required for azure-openai (your resource endpoint)");
        }
        if (baseUrl != null) {
            checkUrl(baseUrl);
        }
        if (r.credential() != null
                && (r.credential().isBlank() || r.credential().length() > 8192)) {
            throw ParapetException.invalidField("credential", "must be 1 to 8192 characters");
        }
        Text.requireStorable(r.credential(), "credential");
        ContentRules.checkParameters(r.parameters(), "parameters");
        checkPrices(r.prices());
        return new ModelContent(r.provider(), modelId, baseUrl, r.parameters(), r.prices());
    }

    private static void checkPrices(ModelPrices prices) {
        if (prices == null) {
            return;
        }
        double[] values = {prices.inputPerMillion(), prices.outputPerMillion()};
        String[] fields = {"prices.inputPerMillion", "prices.outputPerMillion"};
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= ModelPrices.MAX_PER_MILLION)) {
                throw ParapetException.invalidField(
                        fields[i],
                        "must be 0 to " + (int) ModelPrices.MAX_PER_MILLION + " US dollars per million tokens");
            }
        }
    }

    private static void checkUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw ParapetException.invalidField("baseUrl", "'" + url + "' is not an http(s) URL");
        }
    }

    private ModelEntity model(String name) {
        return models.findByName(name)
                .orElseThrow(() -> ParapetException.notFound("model '" + name + "' does not exist"));
    }

    private ModelVersionEntity row(ModelEntity model, int version) {
        return versions.findByModelIdAndVersion(model.id(), version)
                .orElseThrow(() -> ParapetException.notFound("model '" + model.name() + "' has no version " + version));
    }

    private static ModelVersion toVersion(ModelEntity model, ModelVersionEntity row) {
        ModelContent c = Json.convert(Json.read(row.content()), ModelContent.class);
        return new ModelVersion(
                model.name(),
                row.version(),
                c.provider(),
                c.modelId(),
                c.baseUrl(),
                c.parameters(),
                row.credentialCiphertext() != null,
                c.provider().isDevelopment(),
                row.commitMessage(),
                row.author(),
                row.createdAt(),
                row.contentHash(),
                c.prices());
    }
}

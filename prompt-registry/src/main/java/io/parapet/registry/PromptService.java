package io.parapet.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.parapet.core.Actor;
import io.parapet.core.ContentHash;
import io.parapet.core.FieldError;
import io.parapet.core.Json;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.core.Text;
import io.parapet.core.audit.AuditLog;
import io.parapet.registry.internal.ContentRules;
import io.parapet.registry.internal.IncludeExpander;
import io.parapet.registry.internal.LabelEntity;
import io.parapet.registry.internal.LabelRepository;
import io.parapet.registry.internal.PromptEntity;
import io.parapet.registry.internal.PromptReader;
import io.parapet.registry.internal.PromptRepository;
import io.parapet.registry.internal.PromptVersionEntity;
import io.parapet.registry.internal.PromptVersionRepository;
import io.parapet.registry.internal.Templates;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prompts and their immutable versions. Creating a version is idempotent (identical content returns the latest
 * version) and numbers are gap-free under concurrency: creators serialise on the prompt's row lock.
 */
@Singleton
public class PromptService {
    private final PromptRepository prompts;
    private final PromptVersionRepository versions;
    private final LabelRepository labels;
    private final PromptReader reader;
    private final LabelService labelService;
    private final ModelService models;
    private final AuditLog audit;
    private final RegistryConfig config;
    private final Clock clock;
    private final RegistryChanges changes;
    private final PolicyChecker policyChecker;

    PromptService(
            PromptRepository prompts,
            PromptVersionRepository versions,
            LabelRepository labels,
            PromptReader reader,
            LabelService labelService,
            ModelService models,
            AuditLog audit,
            RegistryConfig config,
            Clock clock,
            RegistryChanges changes,
            @Nullable PolicyChecker policyChecker) {
        this.policyChecker = policyChecker;
        this.prompts = prompts;
        this.versions = versions;
        this.labels = labels;
        this.reader = reader;
        this.labelService = labelService;
        this.models = models;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.changes = changes;
    }

    @Transactional
    public Saved<PromptVersion> createVersion(String name, CreateVersionRequest request, Actor actor) {
        return save(name, request, actor, false);
    }

    /**
     * As {@link #createVersion}, but content identical to any earlier version (not only the latest) reuses it:
     * what applying a bundle needs, where the labelled versions are older than the latest.
     */
    @Transactional
    public Saved<PromptVersion> ensureVersion(String name, CreateVersionRequest request, Actor actor) {
        return save(name, request, actor, true);
    }

    private Saved<PromptVersion> save(String name, CreateVersionRequest request, Actor actor, boolean matchAnyVersion) {
        actor.require(Role.EDITOR, "create prompt versions");
        Names.checkPrompt(name, "name");
        String commitMessage = Text.requireStorable(request.commitMessage(), "commitMessage");
        if (commitMessage == null || commitMessage.isBlank()) {
            throw ParapetException.invalidField("commitMessage", "is required: say what changed and why");
        }
        String description = Text.requireStorable(request.description(), "description");
        List<String> tags = checkTags(request.tags());
        List<String> newLabels = request.labels() == null ? List.of() : request.labels();
        newLabels.forEach(l -> Names.checkLabel(l, "labels"));

        PromptType type = typeOf(name, request);
        ContentRules.Checked checked = validate(name, request, type);

        Instant now = clock.instant();
        boolean createdPrompt =
                prompts.insertIfAbsent(name, type.wire(), description, Json.write(tags == null ? List.of() : tags), now)
                        == 1;
        PromptEntity prompt = reader.lockPrompt(name);
        if (!prompt.type().equals(type.wire())) {
            throw ParapetException.conflict("prompt '" + name + "' is a " + prompt.type()
                    + " prompt; the type is fixed when a prompt is created");
        }
        if (createdPrompt) {
            audit.record(actor, "prompt.create", "prompt", name, null, null, type.wire());
        } else {
            updateMetadata(prompt, description, tags, now, actor);
        }

        JsonNode tree = Json.mapper().valueToTree(checked.content());
        String hash = ContentHash.of(tree);
        PromptVersionEntity row = null;
        if (matchAnyVersion) {
            row = versions.findFirstByPromptIdAndContentHashOrderByVersionDesc(prompt.id(), hash)
                    .orElse(null);
        } else if (prompt.latestVersion() > 0) {
            PromptVersionEntity latest = reader.versionRow(prompt, prompt.latestVersion());
            row = latest.contentHash().equals(hash) ? latest : null;
        }
        boolean created = row == null;
        if (created) {
            int number = prompt.latestVersion() + 1;
            row = versions.save(new PromptVersionEntity(
                    null, prompt.id(), number, ContentHash.canonical(tree), hash, commitMessage, actor.name(), now));
            for (String include : checked.includes()) {
                VersionRef ref = VersionRef.parse(include);
                versions.addInclude(row.id(), ref.prompt(), ref.label(), ref.version());
            }
            prompts.updateLatest(prompt.id(), number, now);
            prompt = new PromptEntity(
                    prompt.id(),
                    prompt.name(),
                    prompt.type(),
                    prompt.description(),
                    prompt.tags(),
                    number,
                    prompt.createdAt(),
                    now);
            audit.record(actor, "prompt.version.create", "prompt", name + "#" + number, null, hash, commitMessage);
            changes.versionCreated(name, prompt.type(), number, hash, actor);
        }
        for (String label : newLabels) {
            labelService.set(prompt, label, row.version(), null, false, actor);
        }
        return new Saved<>(reader.toVersion(prompt, row), created);
    }

    /**
     * Checks a draft as {@link #createVersion} would, without saving: every problem (syntax errors with line and
     * column, unknown includes, models or policies), the variables it uses, and the version it is identical to.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DraftCheck check(String name, CreateVersionRequest draft) {
        Names.checkPrompt(name, "name");
        try {
            PromptType type = typeOf(name, draft);
            ContentRules.Checked checked = validate(name, draft, type);
            List<String> variables =
                    checked.content().variables().stream().map(Variable::name).toList();
            String hash = ContentHash.of(Json.mapper().valueToTree(checked.content()));
            Integer identical = prompts.findByName(name)
                    .flatMap(p -> versions.findFirstByPromptIdAndContentHashOrderByVersionDesc(p.id(), hash))
                    .map(PromptVersionEntity::version)
                    .orElse(null);
            return new DraftCheck(List.of(), variables, checked.includes(), identical);
        } catch (ParapetException e) {
            List<FieldError> errors = e.errors().isEmpty() ? List.of(new FieldError("", e.getMessage())) : e.errors();
            return new DraftCheck(errors, List.of(), List.of(), null);
        }
    }

    private PromptType typeOf(String name, CreateVersionRequest request) {
        PromptEntity existing = prompts.findByName(name).orElse(null);
        return request.type() != null
                ? request.type()
                : existing != null
                        ? PromptType.parse(existing.type())
                        : request.policy() != null
                                ? PromptType.POLICY
                                : request.messages() != null ? PromptType.CHAT : PromptType.TEXT;
    }

    /** Everything a new version must pass before anything is written. */
    private ContentRules.Checked validate(String name, CreateVersionRequest request, PromptType type) {
        ContentRules.Checked checked = ContentRules.check(request, type);
        if (checked.content().model() != null) {
            models.checkExists(checked.content().model(), "model");
        }
        if (type == PromptType.POLICY) {
            checkPolicy(checked.content().policy());
        }
        if (checked.content().guardrails() != null) {
            checkAttachedPolicy(VersionRef.parse(checked.content().guardrails(), "guardrails"));
        }
        IncludeExpander.expand(checked.includeUses(), name + "#new", reader::resolve, config.maxIncludeDepth());
        return checked;
    }

    /** Prompts (text and chat), without guardrail policies. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PromptSummary> list(String query, String tag, String folder, String sort, PageRequest page) {
        return list(false, query, tag, folder, sort, page);
    }

    /** Guardrail policies only. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PromptSummary> listPolicies(String query, String tag, String folder, String sort, PageRequest page) {
        return list(true, query, tag, folder, sort, page);
    }

    private Page<PromptSummary> list(
            boolean policies, String query, String tag, String folder, String sort, PageRequest page) {
        String pattern = query == null || query.isBlank() ? "" : "%" + escapeLike(query.trim()) + "%";
        String tagPattern = tag == null || tag.isBlank() ? "" : "%\"" + escapeLike(Names.checkTag(tag, "tag")) + "\"%";
        String folderPattern = "";
        if (folder != null && !folder.isBlank()) {
            String prefix = folder.endsWith("/") ? folder : folder + "/";
            folderPattern = escapeLike(prefix) + "%";
        }
        Sort order =
                switch (sort == null ? "name" : sort) {
                    case "name" -> Sort.of(Sort.Order.asc("name"));
                    case "-name" -> Sort.of(Sort.Order.desc("name"));
                    case "updated" -> Sort.of(Sort.Order.asc("updated_at"), Sort.Order.asc("name"));
                    case "-updated" -> Sort.of(Sort.Order.desc("updated_at"), Sort.Order.asc("name"));
                    default -> throw ParapetException.invalidField("sort", "must be name, -name, updated or -updated");
                };
        var found = prompts.search(
                pattern, tagPattern, folderPattern, policies ? PromptType.POLICY.wire() : "", page.pageable(order));
        Map<Long, List<LabelEntity>> byPrompt = found.getContent().isEmpty()
                ? Map.of()
                : labels
                        .findByPromptIdIn(found.getContent().stream()
                                .map(PromptEntity::id)
                                .toList())
                        .stream()
                        .collect(Collectors.groupingBy(LabelEntity::promptId));
        return Page.of(found)
                .map(p -> new PromptSummary(
                        p.name(),
                        PromptType.parse(p.type()),
                        p.description(),
                        PromptReader.tags(p.tags()),
                        p.latestVersion(),
                        byPrompt.getOrDefault(p.id(), List.of()).stream()
                                .collect(Collectors.toMap(
                                        LabelEntity::name, LabelEntity::version, (a, b) -> a, TreeMap::new)),
                        p.createdAt(),
                        p.updatedAt()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PromptDetail get(String name) {
        PromptEntity p = reader.prompt(name);
        List<Label> current = labelService.list(p);
        List<VersionSummary> recent = versions(p, PageRequest.of(0, 20)).items();
        return new PromptDetail(
                p.name(),
                PromptType.parse(p.type()),
                p.description(),
                PromptReader.tags(p.tags()),
                p.latestVersion(),
                current,
                recent,
                p.createdAt(),
                p.updatedAt());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<VersionSummary> versions(String name, PageRequest page) {
        return versions(reader.prompt(name), page);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PromptVersion version(String name, int version) {
        PromptEntity p = reader.prompt(name);
        return reader.toVersion(p, reader.versionRow(p, version));
    }

    /** The version a label (default {@code production}) or number points at; a missing label is a 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PromptVersion resolve(String name, String label, Integer version) {
        if (label != null) {
            Names.checkLabel(label, "label");
        }
        return reader.resolve(name, label, version);
    }

    /** Resolves and compiles, includes and all, ready to render. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ResolvedPrompt compile(String name, String label, Integer version) {
        if (label != null) {
            Names.checkLabel(label, "label");
        }
        return withIncludes(reader.resolveContent(name, label, version));
    }

    /** Renders an unsaved draft with sample values, as {@link #render} would once it is saved. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Rendered preview(String name, CreateVersionRequest draft, Map<String, Object> variables) {
        Names.checkPrompt(name, "name");
        PromptType type = typeOf(name, draft);
        PromptContent c = validate(name, draft, type).content();
        PromptVersion v = PromptVersion.of(name, 0, c, "", "", Instant.EPOCH, "", List.of());
        return withIncludes(v).render(variables == null ? Map.of() : variables);
    }

    private ResolvedPrompt withIncludes(PromptVersion v) {
        String name = v.name();
        if (v.type() == PromptType.POLICY) {
            throw ParapetException.invalid("'" + name + "' is a guardrail policy, not a prompt; it cannot be rendered");
        }
        Set<String> used = new LinkedHashSet<>();
        List<Templates.Parsed> parsed = new ArrayList<>();
        for (String source : sources(v)) {
            Templates.Parsed p = Templates.parse(source, "template");
            used.addAll(p.variables());
            parsed.add(p);
        }
        IncludeExpander.Expanded expanded = IncludeExpander.expand(
                Templates.includeUses(parsed), v.name() + "#" + v.version(), reader::resolve, config.maxIncludeDepth());
        for (String source : expanded.sources().values()) {
            used.addAll(Templates.parse(source, "include").variables());
        }
        return new ResolvedPrompt(v, expanded.variables(), used, expanded.sources(), config.renderLimits());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Rendered render(String name, String label, Integer version, Map<String, Object> variables) {
        return compile(name, label, version).render(variables == null ? Map.of() : variables);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PromptDiff diff(String name, int from, int to) {
        return VersionDiff.between(version(name, from), version(name, to));
    }

    private void checkPolicy(Map<String, Object> document) {
        if (policyChecker == null) {
            throw ParapetException.invalid("guardrail policies cannot be stored: no policy checker is installed");
        }
        policyChecker.check(document);
    }

    /** The attached policy must exist now, as includes must; a later label move is the point of attaching by label. */
    private void checkAttachedPolicy(VersionRef ref) {
        PromptVersion policy;
        try {
            policy = reader.resolve(ref.prompt(), ref.label(), ref.version());
        } catch (ParapetException e) {
            throw ParapetException.invalidField("guardrails", "cannot resolve policy: " + e.getMessage());
        }
        if (policy.type() != PromptType.POLICY) {
            throw ParapetException.invalidField(
                    "guardrails", "'" + ref + "' is a " + policy.type().wire() + " prompt, not a guardrail policy");
        }
    }

    static List<String> sources(PromptVersion v) {
        return v.type() == PromptType.TEXT
                ? List.of(v.template())
                : v.messages().stream().map(Message::content).toList();
    }

    private Page<VersionSummary> versions(PromptEntity p, PageRequest page) {
        Map<Integer, List<String>> labelsByVersion = labels.findByPromptIdOrderByName(p.id()).stream()
                .collect(Collectors.groupingBy(
                        LabelEntity::version, Collectors.mapping(LabelEntity::name, Collectors.toList())));
        return Page.of(versions.findByPromptId(p.id(), page.pageable(Sort.of(Sort.Order.desc("version")))))
                .map(v -> new VersionSummary(
                        v.version(),
                        v.commitMessage(),
                        v.author(),
                        v.createdAt(),
                        v.contentHash(),
                        labelsByVersion.getOrDefault(v.version(), List.of())));
    }

    private void updateMetadata(PromptEntity p, String description, List<String> tags, Instant now, Actor actor) {
        String newDescription = description != null ? description : p.description();
        String newTags = tags != null ? Json.write(tags) : p.tags();
        if (java.util.Objects.equals(newDescription, p.description()) && newTags.equals(p.tags())) {
            return;
        }
        prompts.updateMetadata(p.id(), newDescription, newTags, now);
        audit.record(actor, "prompt.update", "prompt", p.name(), null, null, "description/tags updated");
    }

    private static List<String> checkTags(List<String> tags) {
        if (tags == null) {
            return null;
        }
        if (tags.size() > 32) {
            throw ParapetException.invalidField("tags", "at most 32 tags");
        }
        tags.forEach(t -> Names.checkTag(t, "tags"));
        return List.copyOf(new java.util.TreeSet<>(tags));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

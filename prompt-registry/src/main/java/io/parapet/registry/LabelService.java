package io.parapet.registry;

import io.micronaut.data.model.Sort;
import io.parapet.core.Actor;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.Problem;
import io.parapet.core.Role;
import io.parapet.core.audit.AuditLog;
import io.parapet.registry.internal.LabelEntity;
import io.parapet.registry.internal.LabelEventEntity;
import io.parapet.registry.internal.LabelEventRepository;
import io.parapet.registry.internal.LabelRepository;
import io.parapet.registry.internal.LabelSplitRepository;
import io.parapet.registry.internal.PromptEntity;
import io.parapet.registry.internal.PromptReader;
import io.parapet.registry.internal.PromptRepository;
import io.parapet.registry.internal.PromptVersionEntity;
import io.parapet.registry.internal.PromptVersionRepository;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Labels: movable pointers to versions, moved with optimistic concurrency ({@code If-Match: <revision>}), every
 * move kept in the label's history and the audit log. Deploy is a label move; rollback is a move back.
 */
@Singleton
public class LabelService {
    private final PromptReader reader;
    private final PromptRepository prompts;
    private final LabelRepository labels;
    private final LabelEventRepository events;
    private final LabelSplitRepository splits;
    private final PromptVersionRepository versions;
    private final AuditLog audit;
    private final RegistryConfig config;
    private final Clock clock;
    private final RegistryChanges changes;
    private final ModelUsage usage;
    // Looked up at each move, not injected: a guard (evaluation gates) itself reads prompts, which need labels.
    private final io.micronaut.context.BeanProvider<LabelGuard> guards;

    LabelService(
            PromptReader reader,
            PromptRepository prompts,
            LabelRepository labels,
            LabelEventRepository events,
            LabelSplitRepository splits,
            PromptVersionRepository versions,
            AuditLog audit,
            RegistryConfig config,
            ModelUsage usage,
            Clock clock,
            RegistryChanges changes,
            io.micronaut.context.BeanProvider<LabelGuard> guards) {
        this.guards = guards;
        this.reader = reader;
        this.prompts = prompts;
        this.labels = labels;
        this.events = events;
        this.splits = splits;
        this.versions = versions;
        this.audit = audit;
        this.config = config;
        this.usage = usage;
        this.clock = clock;
        this.changes = changes;
    }

    /**
     * Points {@code label} at {@code version}. {@code ifMatch} is the revision the caller last saw: null means
     * "create only". Moving to where the label already points changes nothing.
     */
    @Transactional
    public Label set(String prompt, String label, int version, Integer ifMatch, Actor actor) {
        PromptEntity p = reader.lockPrompt(Names.checkPrompt(prompt, "name"));
        return set(p, label, version, ifMatch, true, actor);
    }

    /** As {@link #set(String, String, int, Integer, Actor)} on a locked prompt; {@code checkRevision} false forces. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Label set(PromptEntity p, String label, int version, Integer ifMatch, boolean checkRevision, Actor actor) {
        checkMovable(label, actor);
        PromptVersionEntity target = reader.versionRow(p, version);
        if (config.isProtected(label)) {
            usage.holdFollowed(target);
        }
        String hashAfter = target.contentHash();
        Optional<LabelEntity> current = labels.findByPromptIdAndName(p.id(), label);
        Instant now = clock.instant();
        LabelEntity saved;
        Integer from = null;
        String hashBefore = null;
        if (current.isEmpty()) {
            if (checkRevision && ifMatch != null) {
                throw new ParapetException(
                        Problem.PRECONDITION_FAILED,
                        "label '" + label + "' of '" + p.name() + "' does not exist, so If-Match " + ifMatch
                                + " cannot match; send no If-Match to create it");
            }
            guards.stream().forEach(guard -> guard.check(p.name(), label, null, version, actor));
            saved = labels.save(new LabelEntity(null, p.id(), label, version, 1, now, actor.name()));
        } else {
            LabelEntity old = current.get();
            if (checkRevision) {
                checkRevision(p, old, ifMatch);
            }
            if (old.version() == version) {
                return toLabel(old);
            }
            int was = old.version();
            guards.stream().forEach(guard -> guard.check(p.name(), label, was, version, actor));
            if (labels.move(p.id(), label, version, old.revision(), now, actor.name()) != 1) {
                throw stale(p, label);
            }
            from = old.version();
            splits.clear(p.id(), label); // a move by hand supersedes a canary split
            hashBefore = reader.versionRow(p, old.version()).contentHash();
            saved = new LabelEntity(old.id(), p.id(), label, version, old.revision() + 1, now, actor.name());
        }
        events.save(new LabelEventEntity(null, p.id(), label, from, version, saved.revision(), actor.name(), now));
        audit.record(
                actor,
                "label.move",
                "prompt",
                p.name() + "@" + label,
                hashBefore,
                hashAfter,
                (from == null ? "created at version " : "moved from version " + from + " to ") + version);
        changes.labelMoved(p.name(), p.type(), label, from, version, actor);
        return toLabel(saved);
    }

    /** Deletes a label. A label that other prompts include by name needs {@code force}. */
    @Transactional
    public void delete(String prompt, String label, Integer ifMatch, boolean force, Actor actor) {
        PromptEntity p = reader.lockPrompt(Names.checkPrompt(prompt, "name"));
        checkMovable(label, actor);
        LabelEntity old = labels.findByPromptIdAndName(p.id(), label)
                .orElseThrow(() -> ParapetException.notFound("prompt '" + p.name() + "' has no label '" + label + "'"));
        if (ifMatch != null) {
            checkRevision(p, old, ifMatch);
        }
        List<String> includers = versions.findIncluders(p.name(), label);
        if (!includers.isEmpty() && !force) {
            throw ParapetException.conflict("'" + p.name() + "@" + label + "' is included by " + includers
                    + "; deleting the label would break them. Pass force=true to delete it anyway");
        }
        if (labels.deleteAtRevision(p.id(), label, old.revision()) != 1) {
            throw stale(p, label);
        }
        splits.clear(p.id(), label);
        Instant now = clock.instant();
        events.save(
                new LabelEventEntity(null, p.id(), label, old.version(), null, old.revision() + 1, actor.name(), now));
        audit.record(
                actor,
                "label.delete",
                "prompt",
                p.name() + "@" + label,
                reader.versionRow(p, old.version()).contentHash(),
                null,
                "deleted (was version " + old.version() + ")" + (includers.isEmpty() ? "" : "; forced"));
        changes.labelDeleted(p.name(), p.type(), label, old.version(), actor);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Label get(String prompt, String label) {
        PromptEntity p = reader.prompt(prompt);
        return labels.findByPromptIdAndName(p.id(), label)
                .map(this::toLabel)
                .orElseThrow(() -> ParapetException.notFound("prompt '" + p.name() + "' has no label '" + label + "'"));
    }

    /** The label if both prompt and label exist; never throws, so it is safe inside a larger transaction. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Label> find(String prompt, String label) {
        return prompts.findByName(prompt)
                .flatMap(p -> labels.findByPromptIdAndName(p.id(), label))
                .map(this::toLabel);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Label> list(PromptEntity prompt) {
        return labels.findByPromptIdOrderByName(prompt.id()).stream()
                .map(this::toLabel)
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<LabelEvent> history(String prompt, String label, PageRequest page) {
        PromptEntity p = reader.prompt(prompt);
        Names.checkLabel(label, "label");
        return Page.of(events.findByPromptIdAndLabel(p.id(), label, page.pageable(Sort.of(Sort.Order.desc("id")))))
                .map(e -> new LabelEvent(e.label(), e.fromVersion(), e.toVersion(), e.revision(), e.actor(), e.at()));
    }

    /** Every label move of a prompt, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<LabelEvent> history(String prompt, PageRequest page) {
        PromptEntity p = reader.prompt(prompt);
        return Page.of(events.findByPromptId(p.id(), page.pageable(Sort.of(Sort.Order.desc("id")))))
                .map(e -> new LabelEvent(e.label(), e.fromVersion(), e.toVersion(), e.revision(), e.actor(), e.at()));
    }

    private void checkMovable(String label, Actor actor) {
        Names.checkLabel(label, "label");
        if (Names.LATEST.equals(label)) {
            throw ParapetException.invalidField(
                    "label", "'latest' always points at the newest version; it cannot be set");
        }
        actor.require(Role.EDITOR, "move labels");
        if (config.isProtected(label)) {
            actor.require(Role.PUBLISHER, "move the protected label '" + label + "'");
        }
    }

    private static void checkRevision(PromptEntity p, LabelEntity old, Integer ifMatch) {
        if (ifMatch == null) {
            throw new ParapetException(
                    Problem.PRECONDITION_REQUIRED,
                    "label '" + old.name() + "' of '" + p.name() + "' exists at revision " + old.revision()
                            + "; send If-Match: " + old.revision() + " to move it");
        }
        if (ifMatch != old.revision()) {
            throw new ParapetException(
                    Problem.PRECONDITION_FAILED,
                    "label '" + old.name() + "' of '" + p.name() + "' is at revision " + old.revision() + ", not "
                            + ifMatch + ": someone moved it; reload and retry");
        }
    }

    private static ParapetException stale(PromptEntity p, String label) {
        return new ParapetException(
                Problem.PRECONDITION_FAILED,
                "label '" + label + "' of '" + p.name() + "' was moved concurrently; reload and retry");
    }

    private Label toLabel(LabelEntity e) {
        return new Label(
                e.name(), e.version(), e.revision(), e.updatedAt(), e.updatedBy(), config.isProtected(e.name()));
    }
}

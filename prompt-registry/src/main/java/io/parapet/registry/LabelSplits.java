package io.parapet.registry;

import io.parapet.core.Actor;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.core.audit.AuditLog;
import io.parapet.registry.internal.LabelRepository;
import io.parapet.registry.internal.LabelSplitEntity;
import io.parapet.registry.internal.LabelSplitRepository;
import io.parapet.registry.internal.PromptEntity;
import io.parapet.registry.internal.PromptReader;
import io.parapet.registry.internal.PromptRepository;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/**
 * Canary splits of labels: {@code production} answering version 3 to 90 % of callers and version 4 to 10 %. The
 * gateway honours a split ({@link PromptCache#route}); rollouts set and clear it. Setting, changing and clearing a
 * split are audited and announced like label moves, so every instance's cache and the monitors learn of them.
 */
@Singleton
public class LabelSplits {
    private final PromptReader reader;
    private final PromptRepository prompts;
    private final LabelRepository labels;
    private final LabelSplitRepository splits;
    private final AuditLog audit;
    private final RegistryChanges changes;
    private final Clock clock;

    LabelSplits(
            PromptReader reader,
            PromptRepository prompts,
            LabelRepository labels,
            LabelSplitRepository splits,
            AuditLog audit,
            RegistryChanges changes,
            Clock clock) {
        this.reader = reader;
        this.prompts = prompts;
        this.labels = labels;
        this.splits = splits;
        this.audit = audit;
        this.changes = changes;
        this.clock = clock;
    }

    /** Sends {@code percent} (1–99) of {@code prompt@label}'s callers to {@code canaryVersion}. */
    @Transactional
    public LabelSplit split(String prompt, String label, int canaryVersion, int percent, String why, Actor actor) {
        actor.require(Role.PUBLISHER, "split a label's traffic");
        PromptEntity p = reader.lockPrompt(Names.checkPrompt(prompt, "prompt"));
        if (p.type().equals(PromptType.POLICY.wire())) {
            throw ParapetException.invalidField(
                    "prompt",
                    "'" + p.name() + "' is a guardrail policy; policies follow the prompt versions using them");
        }
        if (percent < 1 || percent > 99) {
            throw ParapetException.invalidField("percent", "must be 1 to 99; at 100 move the label instead");
        }
        int stable = reader.versionOfLabel(p, Names.checkLabel(label, "label"));
        reader.versionRow(p, canaryVersion); // 404 for a version that does not exist
        if (canaryVersion == stable) {
            throw ParapetException.invalidField(
                    "canaryVersion", "is " + canaryVersion + ", the version '" + label + "' already points at");
        }
        Optional<LabelSplitEntity> old = splits.findByPromptIdAndLabel(p.id(), label);
        LabelSplitEntity row = new LabelSplitEntity(
                old.map(LabelSplitEntity::id).orElse(null),
                p.id(),
                label,
                canaryVersion,
                percent,
                clock.instant(),
                actor.name());
        if (old.isPresent()) {
            splits.update(row);
        } else {
            splits.save(row);
        }
        audit.record(
                actor,
                "label.split",
                "prompt",
                p.name() + "@" + label,
                null,
                null,
                percent + " % to version " + canaryVersion + ", " + (100 - percent) + " % to version " + stable
                        + (why == null ? "" : "; " + why));
        changes.labelSplit(p.name(), p.type(), label, stable, canaryVersion, percent, why, actor);
        return toSplit(p.name(), stable, row);
    }

    /** Sends all of {@code prompt@label}'s traffic back to the label's own version; false if it was not split. */
    @Transactional
    public boolean clear(String prompt, String label, String why, Actor actor) {
        actor.require(Role.PUBLISHER, "end a label's traffic split");
        PromptEntity p = reader.lockPrompt(Names.checkPrompt(prompt, "prompt"));
        Optional<LabelSplitEntity> old = splits.findByPromptIdAndLabel(p.id(), Names.checkLabel(label, "label"));
        if (old.isEmpty()) {
            return false;
        }
        splits.clear(p.id(), label);
        int stable = reader.versionOfLabel(p, label);
        audit.record(
                actor,
                "label.unsplit",
                "prompt",
                p.name() + "@" + label,
                null,
                null,
                "all traffic back to version " + stable + " (canary version "
                        + old.get().canaryVersion() + " was at " + old.get().percent() + " %)"
                        + (why == null ? "" : "; " + why));
        changes.labelSplit(p.name(), p.type(), label, stable, old.get().canaryVersion(), 0, why, actor);
        return true;
    }

    /** The split of {@code prompt@label}, if any; empty also when the prompt or label does not exist. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<LabelSplit> find(String prompt, String label) {
        return prompts.findByName(prompt).flatMap(p -> splits.findByPromptIdAndLabel(p.id(), label)
                .flatMap(row ->
                        labels.findByPromptIdAndName(p.id(), label).map(l -> toSplit(p.name(), l.version(), row))));
    }

    private static LabelSplit toSplit(String prompt, int stable, LabelSplitEntity row) {
        return new LabelSplit(
                prompt, row.label(), stable, row.canaryVersion(), row.percent(), row.updatedAt(), row.updatedBy());
    }
}

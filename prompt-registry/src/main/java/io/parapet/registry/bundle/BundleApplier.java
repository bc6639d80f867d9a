package io.parapet.registry.bundle;

import io.parapet.core.Actor;
import io.parapet.core.ParapetException;
import io.parapet.registry.CreateModelVersionRequest;
import io.parapet.registry.CreateVersionRequest;
import io.parapet.registry.Label;
import io.parapet.registry.LabelService;
import io.parapet.registry.ModelService;
import io.parapet.registry.Names;
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptType;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.Saved;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The transactional half of {@link BundleService}: one transaction for the whole bundle. */
@Singleton
class BundleApplier {
    private final PromptService prompts;
    private final LabelService labels;
    private final ModelService models;

    /** Thrown at the end of a dry run to roll its transaction back; carries what would have changed. */
    static final class DryRunFinished extends RuntimeException {
        private final transient List<ApplyResult.Change> changes;

        DryRunFinished(List<ApplyResult.Change> changes) {
            super("dry run", null, false, false);
            this.changes = changes;
        }

        List<ApplyResult.Change> changes() {
            return changes;
        }
    }

    BundleApplier(PromptService prompts, LabelService labels, ModelService models) {
        this.prompts = prompts;
        this.labels = labels;
        this.models = models;
    }

    @Transactional
    List<ApplyResult.Change> apply(Bundle bundle, boolean dryRun, Actor actor) {
        List<ApplyResult.Change> changes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Bundle.BundleModel m : orEmpty(bundle.models())) {
            requireUnique(seen, "model " + m.name());
            ModelService.Ensured ensured = models.ensureContent(
                    m.name(),
                    new CreateModelVersionRequest(
                            m.provider(),
                            m.modelId(),
                            m.baseUrl(),
                            m.parameters(),
                            null,
                            m.commitMessage(),
                            m.prices()),
                    Boolean.TRUE.equals(m.keepCredential()),
                    actor);
            if (ensured.saved().created()) {
                changes.add(new ApplyResult.Change(
                        "model.version.create",
                        m.name(),
                        m.provider() + " " + m.modelId() + "; "
                                + ensured.credential().detail()));
            }
        }
        List<Bundle.BundlePrompt> entries = new ArrayList<>();
        for (Bundle.BundlePrompt p : orEmpty(bundle.policies())) {
            if (p.type() != null && p.type() != PromptType.POLICY) {
                throw ParapetException.invalidField("policies." + p.name() + ".type", "must be policy (or absent)");
            }
            entries.add(new Bundle.BundlePrompt(p.name(), PromptType.POLICY, p.description(), p.tags(), p.versions()));
        }
        entries.addAll(orEmpty(bundle.prompts()));
        for (Bundle.BundlePrompt p : entries) {
            requireUnique(seen, "prompt " + p.name());
            if (p.versions() == null || p.versions().isEmpty()) {
                throw ParapetException.invalidField("prompts." + p.name() + ".versions", "needs at least one version");
            }
            for (Bundle.BundleVersion v : p.versions()) {
                applyVersion(p, v, actor, changes);
            }
        }
        if (dryRun) {
            throw new DryRunFinished(changes);
        }
        return changes;
    }

    private void applyVersion(
            Bundle.BundlePrompt p, Bundle.BundleVersion v, Actor actor, List<ApplyResult.Change> changes) {
        String commitMessage =
                v.commitMessage() == null || v.commitMessage().isBlank() ? "applied from bundle" : v.commitMessage();
        var request = new CreateVersionRequest(
                p.type(),
                v.template(),
                v.messages(),
                v.variables(),
                v.model(),
                v.responseFormat(),
                commitMessage,
                null,
                p.description(),
                p.tags(),
                v.guardrails(),
                v.policy());
        Saved<PromptVersion> saved = prompts.ensureVersion(p.name(), request, actor);
        int number = saved.value().version();
        if (saved.created()) {
            changes.add(new ApplyResult.Change("prompt.version.create", p.name() + "#" + number, commitMessage));
        }
        for (String label : orEmpty(v.labels())) {
            Names.checkLabel(label, "labels");
            Optional<Label> current = labels.find(p.name(), label);
            if (current.map(Label::version).orElse(-1) != number) {
                labels.set(p.name(), label, number, current.map(Label::revision).orElse(null), actor);
                changes.add(new ApplyResult.Change(
                        "label.move",
                        p.name() + "@" + label,
                        current.map(c -> "from version " + c.version() + " to ").orElse("created at version ")
                                + number));
            }
        }
    }

    private static void requireUnique(Set<String> seen, String what) {
        if (!seen.add(what)) {
            throw ParapetException.invalid("the bundle lists " + what + " twice");
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

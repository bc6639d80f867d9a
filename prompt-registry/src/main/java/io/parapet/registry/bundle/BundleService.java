package io.parapet.registry.bundle;

import io.micronaut.transaction.annotation.ReadOnly;
import io.parapet.core.Actor;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.registry.Label;
import io.parapet.registry.ModelService;
import io.parapet.registry.ModelSummary;
import io.parapet.registry.ModelVersion;
import io.parapet.registry.PromptDetail;
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptSummary;
import io.parapet.registry.PromptVersion;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies and exports bundles. Apply is all-or-nothing: it runs in one transaction, and a dry run is the same
 * transaction rolled back, so it reports exactly what a real apply would do, permission checks included.
 */
@Singleton
public class BundleService {
    private final BundleApplier applier;
    private final PromptService prompts;
    private final ModelService models;

    BundleService(BundleApplier applier, PromptService prompts, ModelService models) {
        this.applier = applier;
        this.prompts = prompts;
        this.models = models;
    }

    public ApplyResult apply(Bundle bundle, boolean dryRun, Actor actor) {
        try {
            return new ApplyResult(false, applier.apply(bundle, dryRun, actor));
        } catch (BundleApplier.DryRunFinished finished) {
            return new ApplyResult(true, finished.changes());
        }
    }

    @ReadOnly
    public Bundle export() {
        List<Bundle.BundleModel> modelEntries = new ArrayList<>();
        for (ModelSummary summary : models.list()) {
            ModelVersion m = models.get(summary.name(), null);
            modelEntries.add(new Bundle.BundleModel(
                    m.name(),
                    m.provider(),
                    m.modelId(),
                    m.baseUrl(),
                    m.parameters(),
                    m.commitMessage(),
                    null,
                    m.prices()));
        }
        return new Bundle(Bundle.API_VERSION, modelEntries, exportAll(true), exportAll(false));
    }

    private List<Bundle.BundlePrompt> exportAll(boolean policies) {
        List<Bundle.BundlePrompt> entries = new ArrayList<>();
        for (int page = 0; ; page++) {
            PageRequest request = PageRequest.of(page, PageRequest.MAX_SIZE);
            Page<PromptSummary> found = policies
                    ? prompts.listPolicies(null, null, null, "name", request)
                    : prompts.list(null, null, null, "name", request);
            found.items().stream().filter(p -> p.latestVersion() > 0).forEach(p -> entries.add(export(p.name())));
            if ((long) (page + 1) * PageRequest.MAX_SIZE >= found.total()) {
                return entries;
            }
        }
    }

    private Bundle.BundlePrompt export(String name) {
        PromptDetail detail = prompts.get(name);
        Map<Integer, List<String>> labelsByVersion = new TreeMap<>();
        for (Label label : detail.labels()) {
            labelsByVersion
                    .computeIfAbsent(label.version(), v -> new ArrayList<>())
                    .add(label.name());
        }
        TreeSet<Integer> wanted = new TreeSet<>(labelsByVersion.keySet());
        wanted.add(detail.latestVersion());
        List<Bundle.BundleVersion> versions = new ArrayList<>();
        for (int number : wanted) {
            PromptVersion v = prompts.version(name, number);
            versions.add(new Bundle.BundleVersion(
                    v.template(),
                    v.messages(),
                    v.variables(),
                    v.model(),
                    v.responseFormat(),
                    v.guardrails(),
                    v.policy(),
                    v.commitMessage(),
                    labelsByVersion.getOrDefault(number, List.of())));
        }
        return new Bundle.BundlePrompt(name, detail.type(), detail.description(), detail.tags(), versions);
    }
}

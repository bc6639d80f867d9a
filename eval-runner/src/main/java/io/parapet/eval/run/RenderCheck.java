package io.parapet.eval.run;

import io.micronaut.serde.annotation.Serdeable;
import io.parapet.core.ParapetException;
import io.parapet.eval.dataset.DatasetService;
import io.parapet.registry.PromptCache;
import io.parapet.registry.ResolvedPrompt;
import io.parapet.registry.VersionRef;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Before a run: which items of a dataset version cannot render against a prompt version (a variable the template
 * needs and the item lacks, one it does not know, a value of the wrong shape), and why. Rendering is the
 * registry's strict render, compiled once; the dataset is read a page at a time.
 */
@Singleton
public class RenderCheck {
    static final int MAX_LISTED = 100;
    private final PromptCache prompts;
    private final DatasetService datasets;

    RenderCheck(PromptCache prompts, DatasetService datasets) {
        this.prompts = prompts;
        this.datasets = datasets;
    }

    /** The outcome: items checked, how many fail, and the first hundred of those with the reason. */
    @Serdeable
    public record Report(String prompt, String dataset, int checked, int failing, List<Failure> failures) {}

    @Serdeable
    public record Failure(String itemId, String reason) {}

    public Report check(String promptRef, String datasetRef) {
        VersionRef ref = VersionRef.parse(promptRef, "prompt");
        ResolvedPrompt prompt = prompts.get(ref.prompt(), ref.label(), ref.version());
        DatasetService.Opened dataset = datasets.openRef(datasetRef, "dataset");
        List<Failure> failures = new ArrayList<>();
        int[] counts = new int[2]; // checked, failing
        datasets.each(dataset.versionId(), p -> {
            counts[0]++;
            try {
                prompt.render(p.item().variables());
            } catch (ParapetException e) {
                counts[1]++;
                if (failures.size() < MAX_LISTED) {
                    failures.add(new Failure(p.item().id(), e.getMessage()));
                }
            }
        });
        String version = prompt.version().name() + "#" + prompt.version().version();
        String data = dataset.version().dataset() + "#" + dataset.version().version();
        return new Report(version, data, counts[0], counts[1], failures);
    }
}

package io.parapet.guardrails.scanners;

import io.parapet.guardrails.ScannerCatalog;
import io.parapet.guardrails.training.LabelledCorpora;
import java.nio.file.Path;
import java.util.Map;

/**
 * Accuracy of the trained scanners ({@code ./parapet accuracy}): leave-one-source-out figures, which predict unseen
 * data, and the shipped scanners on the held-out split of every development file. Scores come from the real
 * scanners, exactly as a policy runs them, or from the same feature code.
 */
public final class ClassifierAccuracy {
    private ClassifierAccuracy() {}

    public static void main(String[] args) throws Exception {
        run(Path.of(args.length > 0 ? args[0] : "../shared/corpora"));
    }

    public static void run(Path corporaDir) throws Exception {
        LabelledCorpora corpora = new LabelledCorpora(corporaDir);
        ScannerCatalog catalog = ScannerCatalog.load();
        InjectionAccuracy.run(
                corpora.injection(), catalog.get("prompt-injection").create(Map.of()));
        ToxicityAccuracy.run(
                corpora.toxicity(), (ToxicityScanner) catalog.get("toxicity").create(Map.of()));
    }
}

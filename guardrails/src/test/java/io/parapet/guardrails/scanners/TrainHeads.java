package io.parapet.guardrails.scanners;

import io.parapet.core.Json;
import io.parapet.guardrails.classify.Embeddings;
import io.parapet.guardrails.classify.LinearHead;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.TextNormalizer;
import io.parapet.guardrails.training.LabelledCorpora;
import io.parapet.guardrails.training.LabelledCorpora.Example;
import io.parapet.guardrails.training.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code ./parapet train}: trains the prompt-injection and toxicity heads on the training split of
 * {@code ../shared/corpora} and writes them, with a record of the corpora, to
 * {@code guardrails/src/main/resources/guardrails/heads/}. Features come from the scanners' own code, so training and
 * serving cannot drift apart. It lives in the scanners' package for that reason.
 */
public final class TrainHeads {
    /** Where the corpora came from (SOURCES.md); the file hashes pin the exact bytes. */
    static final Map<String, String> SOURCES = Map.of(
            "injection-purplellama-251.json", "meta-llama/PurpleLlama@4be64c3a",
            "injection-bipia-text-attacks.json", "microsoft/BIPIA@1a2a91da",
            "bipia-email-contexts.jsonl", "microsoft/BIPIA@1a2a91da",
            "benign-notinject-one.json", "SaFoLab-WISC/InjecGuard@c7d9f9a5",
            "benign-notinject-two.json", "SaFoLab-WISC/InjecGuard@c7d9f9a5",
            "injection-mixed-valid.json", "SaFoLab-WISC/InjecGuard@c7d9f9a5",
            "toxicity-davidson-tweets.csv", "t-davidson/hate-speech-and-offensive-language@cb50f7e9",
            "toxicity-jigsaw-sample-282.csv", "unitaryai/detoxify@d5376446");

    private TrainHeads() {}

    public static void main(String[] args) throws Exception {
        Path corporaDir = Path.of(args.length > 0 ? args[0] : "../shared/corpora");
        Path out = Path.of(args.length > 1 ? args[1] : "guardrails/src/main/resources/guardrails/heads");
        Files.createDirectories(out);
        LabelledCorpora corpora = new LabelledCorpora(corporaDir);

        List<Example> injection = corpora.injection();
        var model = new InjectionScanner.InjectionModel(
                new LinearHead("untrained", new float[Embeddings.DIMENSIONS + 2], 0, 0.5),
                ClassifierScannerFactories.lines("guardrails/injection-seeds.txt"));
        write(
                out.resolve("injection.json"),
                Training.train(
                        "prompt-injection",
                        injection,
                        "injection",
                        features(injection, model::features),
                        Training.Threshold.MAX_BALANCED_ACCURACY_AT_FPR_5),
                corpora);

        List<Example> toxicity = corpora.toxicity();
        ProfanityLexicon lexicon = ProfanityLexicon.builtIn();
        ProfanityLexicon slurs = ProfanityLexicon.slurs();
        Function<ScanText, float[]> toxicFeatures = t -> ToxicityScanner.features(
                t.embedding(),
                lexicon.find(t.normalized()).size(),
                slurs.find(t.normalized()).size());
        Map<String, float[]> x = features(toxicity, toxicFeatures);
        write(
                out.resolve("toxicity-toxic.json"),
                Training.train("toxicity-toxic", toxicity, "toxic", x, Training.Threshold.MAX_F1),
                corpora);
        write(
                out.resolve("toxicity-hate.json"),
                Training.train("toxicity-hate", toxicity, "hate", x, Training.Threshold.MAX_F1),
                corpora);
    }

    private static Map<String, float[]> features(List<Example> examples, Function<ScanText, float[]> extract) {
        Map<String, float[]> byText = new java.util.concurrent.ConcurrentHashMap<>();
        examples.parallelStream()
                .map(Example::text)
                .distinct()
                .forEach(t -> byText.put(t, extract.apply(TextNormalizer.normalize(t))));
        return byText;
    }

    private static void write(Path file, Training.Trained head, LabelledCorpora corpora) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", head.name());
        doc.put(
                "features",
                head.name().startsWith("toxicity")
                        ? "all-MiniLM-L6-v2 (quantized) embedding of the normalized text (384), any profanity (0/1),"
                                + " profanity count / 3 (capped at 1), any slur (0/1), slur count / 3 (capped at 1)"
                        : "all-MiniLM-L6-v2 (quantized) embedding of the normalized text (384), heuristic score,"
                                + " highest cosine similarity to the seed attacks");
        doc.put("threshold", head.threshold());
        doc.put("bias", head.bias());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("trainedOn", LocalDate.now().toString());
        record.put(
                "split",
                "training split only: examples whose split key hashes (SHA-256) at or above " + LabelledCorpora.HELD_OUT
                        + "; the rest is held out for ./parapet accuracy");
        record.put("examples", head.examples());
        record.put("thresholdChosenOn", "out-of-fold scores of 5-fold cross-validation on the training split");
        record.put("validation", head.validation());
        Map<String, Object> files = new LinkedHashMap<>();
        corpora.files().forEach((name, sha) -> files.put(name, Map.of("sha256", sha, "source", SOURCES.get(name))));
        record.put("corpora", files);
        doc.put("provenance", record);
        doc.put("weights", head.weights());
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
        System.out.printf(
                "%s: threshold %.3f, validation %s -> %s%n", head.name(), head.threshold(), head.validation(), file);
    }
}

package io.parapet.guardrails.scanners;

import ai.onnxruntime.OrtEnvironment;
import io.parapet.core.Json;
import io.parapet.guardrails.classify.Embeddings;
import io.parapet.guardrails.classify.Encoder;
import io.parapet.guardrails.classify.TokenStates;
import io.parapet.guardrails.ner.EntityHead;
import io.parapet.guardrails.training.EntityTraining;
import io.parapet.guardrails.training.IdentityTerms;
import io.parapet.guardrails.training.InsultSwaps;
import io.parapet.guardrails.training.JunkText;
import io.parapet.guardrails.training.LabelledCorpora;
import io.parapet.guardrails.training.LabelledCorpora.Example;
import io.parapet.guardrails.training.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code ./parapet train}: trains the prompt-injection and toxicity heads on the training split of
 * {@code ../shared/corpora} and writes them, with a record of the corpora, to
 * {@code guardrails/src/main/resources/guardrails/heads/}. Features come from the scanners' own code, so training and
 * serving cannot drift apart. It lives in the scanners' package for that reason.
 */
public final class TrainHeads {
    /** Where the corpora came from (SOURCES.md); the file hashes pin the exact bytes. */
    static final Map<String, String> SOURCES = Map.ofEntries(
            Map.entry("injection-purplellama-251.json", "meta-llama/PurpleLlama@4be64c3a"),
            Map.entry("injection-bipia-text-attacks.json", "microsoft/BIPIA@1a2a91da"),
            Map.entry("bipia-email-contexts.jsonl", "microsoft/BIPIA@1a2a91da"),
            Map.entry("benign-notinject-one.json", "SaFoLab-WISC/InjecGuard@c7d9f9a5"),
            Map.entry("benign-notinject-two.json", "SaFoLab-WISC/InjecGuard@c7d9f9a5"),
            Map.entry("injection-mixed-valid.json", "SaFoLab-WISC/InjecGuard@c7d9f9a5"),
            Map.entry("toxicity-davidson-tweets.csv", "t-davidson/hate-speech-and-offensive-language@cb50f7e9"),
            Map.entry("toxicity-jigsaw-sample-282.csv", "unitaryai/detoxify@d5376446"),
            Map.entry("jailbreak-jbb-artifacts-1097.json", "JailbreakBench/artifacts@909e68c0"),
            Map.entry("prompts-xstest-borderline-450.csv", "paul-rottger/exaggerated-safety@d7bb5bd7"),
            Map.entry("benign-clinc150-queries.csv", "clinc/oos-eval@828f8093"),
            Map.entry("benign-gpteacher-roleplay-code.json", "teknium1/GPTeacher@48107512"),
            Map.entry("toxicity-hatecheck-3707.csv", "paul-rottger/hatecheck-data@d8430229"),
            Map.entry("toxicity-hatemoji-adversarial-5904.csv", "HannahKirk/Hatemoji@a626f632"));

    /** Benign texts without words added to the toxicity heads' training ({@link JunkText}). */
    static final int JUNK_EXAMPLES = 600;

    static final long JUNK_SEED = 17;

    private TrainHeads() {}

    public static void main(String[] args) throws Exception {
        Path corporaDir = Path.of(args.length > 0 ? args[0] : "../shared/corpora");
        Path out = Path.of(args.length > 1 ? args[1] : "guardrails/src/main/resources/guardrails/heads");
        Files.createDirectories(out);
        LabelledCorpora corpora = new LabelledCorpora(corporaDir);

        boolean entitiesOnly = args.length > 2 && args[2].equals("entities");
        if (!entitiesOnly) {
            trainClassifierHeads(corpora, out);
        }
        EntityTraining.Corpus pii = EntityTraining.read(corporaDir);
        writeEntities(out.resolve("entities.json"), EntityTraining.fit(pii.rows()), pii);
    }

    private static void trainClassifierHeads(LabelledCorpora corpora, Path out) throws Exception {
        List<Example> injection = corpora.injection();
        write(
                out.resolve("injection.json"),
                Training.train(
                        "prompt-injection",
                        injection,
                        "injection",
                        HeadFeatures.injection(texts(injection)),
                        Training.Threshold.MAX_BALANCED_ACCURACY_AT_FPR_3),
                corpora);

        List<Example> toxicity = corpora.toxicity();
        List<Example> all = augmentedToxicity(toxicity);
        Map<String, float[]> x = HeadFeatures.toxicity(texts(all));
        for (String task : List.of("toxic", "hate")) {
            List<Example> training = augmentedToxicity(Training.trainingSplit(toxicity, task));
            write(
                    out.resolve("toxicity-" + task + ".json"),
                    Training.fit("toxicity-" + task, training, task, x, Training.Threshold.MAX_F1),
                    corpora);
        }
    }

    private static void writeEntities(Path file, EntityHead head, EntityTraining.Corpus corpus) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "entities");
        doc.put("encoder", TokenStates.encoder().id());
        doc.put(
                "features",
                TokenStates.encoder().displayName() + " last hidden layer of each word piece (384), then "
                        + String.join(", ", EntityHead.SHAPE));
        doc.put("classes", EntityHead.CLASSES);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("trainedOn", LocalDate.now().toString());
        record.put("trainedWith", machine());
        record.put(
                "split",
                "every text of the file; ./parapet accuracy reports " + EntityTraining.FOLDS
                        + " folds by template_id, each text read by a head trained without its template");
        record.put("examples", corpus.presidio().size());
        record.put(
                "withoutNames",
                corpus.withoutNames().size() + " benign prompts of " + EntityTraining.WITHOUT_NAMES_FROM
                        + " with no capital inside a sentence, every piece O");
        Map<String, Object> files = new LinkedHashMap<>();
        corpus.sha256().forEach((name, sha) -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("source", name.equals(EntityTraining.FILE) ? EntityTraining.SOURCE : SOURCES.get(name));
            entry.put("sha256", sha);
            files.put(name, entry);
        });
        record.put("corpora", files);
        doc.put("provenance", record);
        doc.put("bias", head.bias());
        doc.put("weights", head.weights());
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
        System.out.println("entities: " + corpus.rows().size() + " texts -> " + file);
    }

    /**
     * What the toxicity heads train on besides the corpora: identity counterfactuals and benign junk text, and insult
     * counterfactuals when {@code -Dtraining.insultSwaps=true} (measured and not kept: docs/guardrails-accuracy.md).
     */
    static List<Example> augmentedToxicity(List<Example> training) {
        List<Example> out = new ArrayList<>(IdentityTerms.augmented(training));
        if (InsultSwaps.ENABLED) {
            out.addAll(InsultSwaps.benignSwaps(training));
        }
        out.addAll(JunkText.examples(JUNK_EXAMPLES, JUNK_SEED));
        return out;
    }

    /**
     * What a retrained head depends on besides code and corpora: onnxruntime's int8 kernels round differently with
     * and without AVX-512 VNNI, so the features, and with them the weights, match to the last digit only on the same
     * kind of CPU (docs/guardrails-accuracy.md, data card).
     */
    static Map<String, String> machine() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("onnxruntime", OrtEnvironment.getEnvironment().getVersion());
        machine.put("cpu", System.getProperty("os.arch") + " " + vectorExtensions(Path.of("/proc/cpuinfo")));
        return machine;
    }

    /** The CPU flags that pick onnxruntime's int8 kernels, from a Linux {@code cpuinfo} file. */
    static String vectorExtensions(Path cpuinfo) {
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags"))
                    .findFirst()
                    .map(l -> Arrays.stream(l.split("\\s+"))
                            .filter(f -> f.equals("avx2") || f.equals("avx512f") || f.contains("vnni"))
                            .sorted()
                            .collect(Collectors.joining(" ")))
                    .orElse("(no flags line)");
        } catch (IOException e) {
            return "(no " + cpuinfo + ")";
        }
    }

    static List<String> texts(List<Example> examples) {
        return examples.stream().map(Example::text).toList();
    }

    private static final String TOXICITY_FEATURES = " embedding of the normalized text (384), any profanity (0/1),"
            + " profanity count / 3 (capped at 1), any slur (0/1), slur count / 3 (capped at 1), any insult aimed at"
            + " the reader (0/1), such insults / 3 (capped at 1)";
    private static final String INJECTION_FEATURES =
            " embedding of the normalized text (384), heuristic score, highest cosine similarity to the seed attacks";

    private static void write(Path file, Training.Trained head, LabelledCorpora corpora) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        Encoder encoder = Embeddings.encoder();
        doc.put("name", head.name());
        doc.put("encoder", encoder.id());
        doc.put(
                "features",
                encoder.displayName() + (head.name().startsWith("toxicity") ? TOXICITY_FEATURES : INJECTION_FEATURES));
        doc.put("threshold", head.threshold());
        doc.put("bias", head.bias());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("trainedOn", LocalDate.now().toString());
        record.put("trainedWith", machine());
        record.put(
                "split",
                "training split only: examples whose split key hashes (SHA-256) at or above " + LabelledCorpora.HELD_OUT
                        + "; the rest is held out for ./parapet accuracy");
        record.put("examples", head.examples());
        if (head.name().startsWith("toxicity")) {
            record.put(
                    "augmentation",
                    "every training sentence naming an identity group is added again naming another group, same label;"
                            + " 15% of benign sentences naming no group are added again with a speaker of one, benign"
                            + " (IdentityTerms); " + JUNK_EXAMPLES + " benign texts without words (runs, ids, one"
                            + " word or emoji repeated; JunkText, seed " + JUNK_SEED + ")");
        }
        record.put("thresholdChosenOn", "out-of-fold scores of 5-fold cross-validation on the training split");
        record.put("validation", head.validation());
        Map<String, Object> files = new LinkedHashMap<>();
        // Ordered maps only: Map.of iterates in an order that changes from one JVM to the next, and so did the file.
        corpora.files().forEach((name, sha) -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("source", SOURCES.get(name));
            entry.put("sha256", sha);
            files.put(name, entry);
        });
        record.put("corpora", files);
        doc.put("provenance", record);
        doc.put("weights", head.weights());
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
        System.out.printf(
                "%s: threshold %.3f, validation %s -> %s%n", head.name(), head.threshold(), head.validation(), file);
    }
}

package io.parapet.guardrails.scanners;

import io.parapet.core.ConfigValues;
import io.parapet.guardrails.classify.LinearHead;
import io.parapet.guardrails.classify.OnnxSequenceClassifier;
import io.parapet.guardrails.spi.Scanner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Factories of the scanners that run trained heads on MiniLM embeddings. Heads, seeds and the lexicon load once per
 * JVM and are shared by every policy that uses them.
 */
public final class ClassifierScannerFactories {
    private ClassifierScannerFactories() {}

    private static final class Shared {
        static final InjectionScanner.InjectionModel INJECTION = new InjectionScanner.InjectionModel(
                LinearHead.load(InjectionScanner.HEAD), lines("guardrails/injection-seeds.txt"));
        static final LinearHead TOXIC = LinearHead.load(ToxicityScanner.TOXIC_HEAD);
        static final LinearHead HATE = LinearHead.load(ToxicityScanner.HATE_HEAD);
        static final ProfanityLexicon LEXICON = ProfanityLexicon.builtIn();
        static final ProfanityLexicon SLURS = ProfanityLexicon.slurs();
        static final DirectedInsults INSULTS = DirectedInsults.builtIn();
    }

    /** {@code prompt-injection}: no configuration; the policy's threshold applies to the head's probability. */
    public static final class PromptInjection extends NamedScannerFactory {
        public PromptInjection() {
            super("prompt-injection");
        }

        @Override
        public Scanner create(Map<String, Object> config) {
            return new InjectionScanner(Shared.INJECTION);
        }
    }

    /**
     * {@code toxicity}: {@code extraWords}, more lexicon entries (a trailing {@code *} matches any ending), and
     * optionally {@code model: {type: onnx, model, tokenizer, labels, activation: sigmoid|softmax}}, a HuggingFace
     * sequence-classification model to use instead of the built-in heads.
     */
    public static final class Toxicity extends NamedScannerFactory {
        private static final Map<List<Object>, OnnxSequenceClassifier> MODELS = new ConcurrentHashMap<>();

        public Toxicity() {
            super("toxicity", "extraWords", "model");
        }

        @Override
        public Scanner create(Map<String, Object> config) {
            List<String> extra = ConfigValues.strings(config, "extraWords", List.of());
            ProfanityLexicon lexicon = extra.isEmpty() ? Shared.LEXICON : withExtra(extra);
            if (config.get("model") != null) {
                return new OnnxToxicityScanner(model(config.get("model")), lexicon, Shared.SLURS);
            }
            return new ToxicityScanner(Shared.TOXIC, Shared.HATE, lexicon, Shared.SLURS, Shared.INSULTS);
        }

        private static OnnxSequenceClassifier model(Object spec) {
            Configs.OnnxSpec onnx = Configs.onnx(spec, "model");
            String activation = ConfigValues.string(onnx.config(), "activation", "sigmoid");
            java.nio.file.Path model = Configs.modelFile(onnx.model(), "model.model");
            java.nio.file.Path tokenizer = Configs.modelFile(onnx.tokenizer(), "model.tokenizer");
            // Keyed by resolved files: another spelling of the same path shares the loaded model.
            return MODELS.computeIfAbsent(
                    List.of(model, tokenizer, onnx.labels(), activation),
                    key -> new OnnxSequenceClassifier(model, tokenizer, onnx.labels(), activation));
        }

        private static ProfanityLexicon withExtra(List<String> extra) {
            List<String> all = new ArrayList<>(lines("guardrails/profanity.txt"));
            all.addAll(extra);
            return new ProfanityLexicon(all);
        }
    }

    /**
     * {@code banned-topics}: {@code topics}, descriptions of what must not be discussed ("medical diagnosis of a
     * user's symptoms"), and {@code minSimilarity} (cosine, default 0.35), the similarity that scores 0.5.
     */
    public static final class BannedTopics extends NamedScannerFactory {
        public BannedTopics() {
            super("banned-topics", "topics", "minSimilarity");
        }

        @Override
        public Scanner create(Map<String, Object> config) {
            List<String> topics = ConfigValues.strings(config, "topics", List.of());
            if (topics.isEmpty() || topics.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("'topics' must list at least one non-blank description");
            }
            Object min = config.getOrDefault("minSimilarity", 0.35);
            if (!(min instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() >= 1) {
                throw new IllegalArgumentException("'minSimilarity' must be a number between 0 and 1 (exclusive)");
            }
            return new BannedTopicsScanner(topics, n.doubleValue());
        }
    }

    /** {@code language}: {@code allowed} ISO 639-1 codes (required) and {@code minChars} (default 20). */
    public static final class Language extends NamedScannerFactory {
        public Language() {
            super("language", "allowed", "minChars");
        }

        @Override
        public Scanner create(Map<String, Object> config) {
            List<String> allowed = ConfigValues.strings(config, "allowed", List.of());
            if (allowed.isEmpty()) {
                throw new IllegalArgumentException("'allowed' must list at least one language code, e.g. [en]");
            }
            return new LanguageScanner(
                    java.util.Set.copyOf(allowed), ConfigValues.integer(config, "minChars", 20, 1, 10_000));
        }
    }

    /** Non-comment, non-blank lines of a classpath resource. */
    static List<String> lines(String resource) {
        try (InputStream in = ClassifierScannerFactories.class.getClassLoader().getResourceAsStream(resource);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}

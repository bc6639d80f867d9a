package io.parapet.guardrails.scanners;

import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.classify.Embeddings;
import io.parapet.guardrails.classify.LinearHead;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.TextNormalizer;
import io.parapet.guardrails.training.FeatureCache;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

/**
 * The heads' feature vectors, from the scanners' own extraction code so that training and serving cannot drift apart
 * (which is why this lives in the scanners' package), kept on disk by {@link FeatureCache}.
 */
public final class HeadFeatures {
    private static final InjectionScanner.InjectionModel INJECTION_FEATURES = new InjectionScanner.InjectionModel(
            new LinearHead("untrained", new float[Embeddings.DIMENSIONS + 2], 0, 0.5),
            ClassifierScannerFactories.lines("guardrails/injection-seeds.txt"));

    /** A head that never fires: the injection scanner with it scores what its phrase and encoding rules alone give. */
    private static final InjectionScanner RULES_ONLY = new InjectionScanner(new InjectionScanner.InjectionModel(
            new LinearHead("never", new float[Embeddings.DIMENSIONS + 2], -100, 0.5), java.util.List.of()));

    private HeadFeatures() {}

    public static Map<String, float[]> injection(Collection<String> texts) throws IOException {
        return new FeatureCache(version("injection-v4")).features(texts, INJECTION_FEATURES::features);
    }

    public static Map<String, float[]> toxicity(Collection<String> texts) throws IOException {
        ProfanityLexicon lexicon = ProfanityLexicon.builtIn();
        ProfanityLexicon slurs = ProfanityLexicon.slurs();
        DirectedInsults insults = DirectedInsults.builtIn();
        Function<ScanText, float[]> extract = t -> ToxicityScanner.features(
                t.embedding(),
                lexicon.find(t.normalized()).size(),
                slurs.find(t.normalized()).size(),
                insults.count(t.normalized()));
        return new FeatureCache(version("toxicity-v2")).features(texts, extract);
    }

    /** Features differ by encoder and by how much of a text it reads, so each pair keeps its own file. */
    private static String version(String features) {
        String window = Embeddings.MAX_CHARS == 512 ? "" : "-window" + Embeddings.MAX_CHARS;
        return features + "-" + Embeddings.encoder().id() + window;
    }

    /** The injection scanner's score from its rules alone (an explicit override, an encoded attack), else 0. */
    public static double injectionRules(String text) {
        return RULES_ONLY
                .scan(TextNormalizer.normalize(text), ScanContext.input())
                .score();
    }
}

package io.parapet.guardrails.scanners;

import io.parapet.guardrails.classify.Embeddings;
import io.parapet.guardrails.classify.TokenStates;
import io.parapet.guardrails.training.FeatureCache;
import io.parapet.guardrails.training.IdentityTerms;
import io.parapet.guardrails.training.LabelledCorpora;
import io.parapet.guardrails.training.LabelledCorpora.Example;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment: does the toxicity head read the adjective better from the encoder's token vectors than from their
 * mean? The sentence embedding averages every piece, so in "Sam is a lovely Muslim" the group word weighs as much as
 * the adjective. Max-pooling each of the 384 dimensions over the pieces keeps what any single piece says strongly.
 * Arms, same corpora, folds, augmentation and threshold rules: the shipped features (mean + lexicon counts), those
 * plus the max-pooled token vectors, and the max-pooled vectors in place of the mean. Prints what {@link
 * IdentityProjectionProbe#report} prints for each.
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl guardrails exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.parapet.guardrails.scanners.TokenPoolingProbe -Dexec.args="$PWD/../shared/corpora"
 * </pre>
 */
public final class TokenPoolingProbe {
    public static void main(String[] args) throws Exception {
        List<Example> all = new LabelledCorpora(Path.of(args[0])).toxicity();
        List<String> texts = TrainHeads.texts(TrainHeads.augmentedToxicity(all));
        List<String> templates = IdentityTerms.templates().stream()
                .map(IdentityTerms.Templated::text)
                .toList();
        Map<String, float[]> shipped = HeadFeatures.toxicity(texts);
        Map<String, float[]> shippedTemplates = HeadFeatures.toxicity(templates);
        Map<String, float[]> max = maxPooled(texts);
        Map<String, float[]> maxTemplates = maxPooled(templates);
        IdentityProjectionProbe.report("mean (shipped)", all, shipped, shippedTemplates);
        IdentityProjectionProbe.report(
                "mean + max", all, join(shipped, max, false), join(shippedTemplates, maxTemplates, false));
        IdentityProjectionProbe.report(
                "max in place of mean", all, join(shipped, max, true), join(shippedTemplates, maxTemplates, true));
    }

    static Map<String, float[]> maxPooled(Collection<String> texts) throws IOException {
        return new FeatureCache("toxicity-maxpool-" + Embeddings.encoder().id()).features(texts, t -> {
            TokenStates.Pieces pieces = TokenStates.of(t.normalized());
            float[] out = new float[Embeddings.DIMENSIONS];
            if (pieces.size() == 0) {
                return out;
            }
            java.util.Arrays.fill(out, Float.NEGATIVE_INFINITY);
            for (float[] v : pieces.vectors()) {
                for (int j = 0; j < out.length; j++) {
                    out[j] = Math.max(out[j], v[j]);
                }
            }
            return out;
        });
    }

    /** The shipped features with the max-pooled vector appended, or put where the mean was. */
    static Map<String, float[]> join(Map<String, float[]> shipped, Map<String, float[]> max, boolean replace) {
        Map<String, float[]> out = new HashMap<>();
        shipped.forEach((text, s) -> {
            float[] m = max.get(text);
            if (m == null) {
                return;
            }
            int d = Embeddings.DIMENSIONS;
            float[] v;
            if (replace) {
                v = s.clone();
                System.arraycopy(m, 0, v, 0, d);
            } else {
                v = new float[s.length + d];
                System.arraycopy(s, 0, v, 0, s.length);
                System.arraycopy(m, 0, v, s.length, d);
            }
            out.put(text, v);
        });
        return out;
    }
}

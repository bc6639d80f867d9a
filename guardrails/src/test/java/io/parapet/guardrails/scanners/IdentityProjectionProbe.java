package io.parapet.guardrails.scanners;

import io.parapet.guardrails.classify.Embeddings;
import io.parapet.guardrails.classify.LinearHead;
import io.parapet.guardrails.training.IdentityTerms;
import io.parapet.guardrails.training.LabelledCorpora;
import io.parapet.guardrails.training.LabelledCorpora.Example;
import io.parapet.guardrails.training.LeaveOneSourceOut;
import io.parapet.guardrails.training.Metrics;
import io.parapet.guardrails.training.Training;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment kept so that its negative result can be rerun: "hard debiasing" of the toxicity heads. One direction
 * per identity group (the embedding of a neutral sentence naming the group minus the same sentence naming "people",
 * averaged over four carrier sentences, then made orthonormal) is projected out of every embedding before training
 * and scoring, so that a linear head cannot read the group from them. Prints leave-one-source-out TOXIC and HATE,
 * HateCheck's non-hateful cases that name a group, and the templated fairness check (heads alone, scanner's max of
 * the two), with and without the projection. docs/guardrails-accuracy.md, "Identity fairness", has the figures.
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl guardrails exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.parapet.guardrails.scanners.IdentityProjectionProbe -Dexec.args="$PWD/../shared/corpora"
 * </pre>
 */
public final class IdentityProjectionProbe {
    static final List<String> CARRIERS = List.of(
            "%s live in my town.",
            "I read an article about %s.", "%s were at the meeting today.", "We talked with %s about the weather.");

    public static void main(String[] args) throws Exception {
        List<Example> all = new LabelledCorpora(Path.of(args[0])).toxicity();
        Map<String, float[]> x = HeadFeatures.toxicity(TrainHeads.texts(TrainHeads.augmentedToxicity(all)));
        List<String> templates = IdentityTerms.templates().stream()
                .map(IdentityTerms.Templated::text)
                .toList();
        Map<String, float[]> tx = HeadFeatures.toxicity(templates);
        report("baseline", all, x, tx);
        float[][] basis = basis();
        report("projected (" + basis.length + " directions)", all, project(x, basis), project(tx, basis));
    }

    static float[][] basis() {
        List<float[]> out = new ArrayList<>();
        for (IdentityTerms.Group g : IdentityTerms.GROUPS) {
            float[] d = new float[Embeddings.DIMENSIONS];
            for (String c : CARRIERS) {
                float[] a = Embeddings.embed(String.format(c, g.plural()));
                float[] b = Embeddings.embed(String.format(c, "people"));
                for (int j = 0; j < d.length; j++) {
                    d[j] += a[j] - b[j];
                }
            }
            for (float[] u : out) {
                double dot = Embeddings.dot(d, u);
                for (int j = 0; j < d.length; j++) {
                    d[j] -= (float) (dot * u[j]);
                }
            }
            double norm = Math.sqrt(Embeddings.dot(d, d));
            for (int j = 0; j < d.length; j++) {
                d[j] /= (float) norm;
            }
            out.add(d);
        }
        return out.toArray(float[][]::new);
    }

    static Map<String, float[]> project(Map<String, float[]> x, float[][] basis) {
        Map<String, float[]> out = new HashMap<>();
        x.forEach((text, v) -> {
            float[] p = v.clone();
            for (float[] u : basis) {
                double dot = 0;
                for (int j = 0; j < u.length; j++) {
                    dot += p[j] * u[j];
                }
                for (int j = 0; j < u.length; j++) {
                    p[j] -= (float) (dot * u[j]);
                }
            }
            out.put(text, p);
        });
        return out;
    }

    static void report(String name, List<Example> all, Map<String, float[]> x, Map<String, float[]> tx) {
        System.out.println("== " + name);
        for (String task : List.of("toxic", "hate")) {
            List<LeaveOneSourceOut.Result> loso = LeaveOneSourceOut.run(
                    all, task, x, Training.Threshold.MAX_F1, TrainHeads::augmentedToxicity, t -> 0);
            for (LeaveOneSourceOut.Result r : loso) {
                Metrics.AtThreshold at = r.at();
                System.out.printf(
                        "%s %s/%s n=%d pos=%d auprc=%s tpr=%.3f fpr=%.3f%n",
                        task,
                        r.family(),
                        r.source(),
                        r.labels().length,
                        r.positives(),
                        r.positives() > 0 && r.positives() < r.labels().length ? String.format("%.3f", r.auprc()) : "-",
                        at.tpr(),
                        at.fpr());
            }
            LeaveOneSourceOut.Result pooled = LeaveOneSourceOut.pooled(loso);
            System.out.printf(
                    "%s pooled auprc=%.3f tpr=%.3f fpr=%.3f%n",
                    task, pooled.auprc(), pooled.at().tpr(), pooled.at().fpr());
            if (task.equals("toxic")) {
                int[] c = new int[2];
                loso.stream().filter(r -> r.family().equals("hatecheck")).forEach(r -> {
                    for (int i = 0; i < r.labels().length; i++) {
                        if (r.labels()[i] == 0
                                && !IdentityTerms.groupOf(r.texts().get(i)).equals("none")) {
                            c[0]++;
                            c[1] += r.scores()[i] >= 0.5 ? 1 : 0;
                        }
                    }
                });
                System.out.printf("hatecheck non-hateful naming a group: %d/%d flagged%n", c[1], c[0]);
            }
        }
        Training.Trained toxic =
                Training.train("toxic", TrainHeads.augmentedToxicity(all), "toxic", x, Training.Threshold.MAX_F1);
        Training.Trained hate =
                Training.train("hate", TrainHeads.augmentedToxicity(all), "hate", x, Training.Threshold.MAX_F1);
        int[] c = new int[4];
        for (IdentityTerms.Templated t : IdentityTerms.templates()) {
            if (t.group().equals("none")) {
                continue;
            }
            float[] v = tx.get(t.text());
            double s = Math.max(
                    LinearHead.calibrate(toxic.probability(v), toxic.threshold()),
                    LinearHead.calibrate(hate.probability(v), hate.threshold()));
            int base = t.toxic() ? 2 : 0;
            c[base]++;
            c[base + 1] += s >= 0.5 ? 1 : 0;
        }
        System.out.printf(
                "templates through both heads (the scanner's max): benign flagged %d/%d, toxic caught %d/%d%n",
                c[1], c[0], c[3], c[2]);
    }
}

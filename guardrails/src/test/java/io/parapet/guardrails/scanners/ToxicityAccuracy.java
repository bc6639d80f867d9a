package io.parapet.guardrails.scanners;

import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.spi.TextNormalizer;
import io.parapet.guardrails.training.IdentityTerms;
import io.parapet.guardrails.training.JunkText;
import io.parapet.guardrails.training.LabelledCorpora.Example;
import io.parapet.guardrails.training.LeaveOneSourceOut;
import io.parapet.guardrails.training.Metrics;
import io.parapet.guardrails.training.Training;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Toxicity ({@code TOXIC}) and hate ({@code HATE}): leave-one-source-out per family, the shipped heads on the
 * held-out split of each development file, and identity fairness (templated sentences through the shipped scanner,
 * and HateCheck's non-hateful identity mentions scored by a head that never saw HateCheck).
 */
final class ToxicityAccuracy {
    private ToxicityAccuracy() {}

    /** Leave-one-source-out results for {@code toxic} and {@code hate}, trained with the identity augmentation. */
    static Map<String, List<LeaveOneSourceOut.Result>> loso(List<Example> all) throws IOException {
        Map<String, float[]> x = HeadFeatures.toxicity(TrainHeads.texts(TrainHeads.augmentedToxicity(all)));
        Map<String, List<LeaveOneSourceOut.Result>> loso = new TreeMap<>();
        for (String task : List.of("toxic", "hate")) {
            loso.put(
                    task,
                    LeaveOneSourceOut.run(
                            all, task, x, Training.Threshold.MAX_F1, TrainHeads::augmentedToxicity, text -> 0));
        }
        return loso;
    }

    static void run(List<Example> all, ToxicityScanner scanner) throws IOException {
        Map<String, List<LeaveOneSourceOut.Result>> loso = loso(all);
        for (String task : List.of("toxic", "hate")) {
            System.out.printf("%n%s, leave one source out%n", task.toUpperCase());
            header();
            loso.get(task).forEach(r -> row(r.family() + " | " + r.source(), r.scores(), r.labels()));
            // A family of several parts scored as one: XSTest's unsafe requests ranked against their safe look-alikes
            // is the moderation-style AUPRC.
            Map<String, List<LeaveOneSourceOut.Result>> byFamily = new TreeMap<>();
            loso.get(task).forEach(r -> byFamily.computeIfAbsent(r.family(), f -> new ArrayList<>())
                    .add(r));
            byFamily.forEach((family, parts) -> {
                if (parts.size() > 1) {
                    LeaveOneSourceOut.Result whole = LeaveOneSourceOut.pooled(parts);
                    row(family + " | (all parts)", whole.scores(), whole.labels());
                }
            });
            LeaveOneSourceOut.Result pooled = LeaveOneSourceOut.pooled(loso.get(task));
            row("all | pooled", pooled.scores(), pooled.labels());
        }

        List<Example> heldOut = all.stream().filter(Example::heldOut).toList();
        List<double[]> p = heldOut.parallelStream()
                .map(e -> scanner.probabilities(TextNormalizer.normalize(e.text())))
                .toList();
        for (String task : List.of("toxic", "hate")) {
            int category = task.equals("toxic") ? 0 : 1;
            double cut = scanner.threshold(category);
            System.out.printf("%n%s, shipped head, held-out split of each development file%n", task.toUpperCase());
            header();
            Map<String, List<Integer>> bySource = new TreeMap<>();
            for (int i = 0; i < heldOut.size(); i++) {
                if (heldOut.get(i).counts(task)) {
                    bySource.computeIfAbsent(heldOut.get(i).source(), s -> new ArrayList<>())
                            .add(i);
                }
            }
            List<Integer> every =
                    bySource.values().stream().flatMap(List::stream).toList();
            bySource.put("(all)", every);
            bySource.forEach((source, idx) -> row(
                    source,
                    idx.stream()
                            .mapToDouble(
                                    i -> io.parapet.guardrails.classify.LinearHead.calibrate(p.get(i)[category], cut))
                            .toArray(),
                    idx.stream()
                            .mapToInt(i -> heldOut.get(i).labels().get(task))
                            .toArray()));
        }
        fairness(scanner, loso.get("toxic"));
        junk(scanner);
    }

    /** Benign text without words, generated like the training junk but from another seed: how much is flagged. */
    private static void junk(ToxicityScanner scanner) {
        List<Example> junk = JunkText.examples(600, TrainHeads.JUNK_SEED + 1);
        long flagged = junk.parallelStream()
                .filter(e -> scanner.scan(TextNormalizer.normalize(e.text()), ScanContext.input())
                                .score()
                        >= 0.5)
                .count();
        System.out.printf(
                "%nText without words (runs, ids, one word or emoji repeated; another seed than training's): flagged"
                        + " %s%n",
                Reports.rate((int) flagged, junk.size()));
    }

    /** The bias gap: how much more often a benign sentence is flagged when it names a group. */
    private static void fairness(ToxicityScanner scanner, List<LeaveOneSourceOut.Result> toxicLoso) {
        List<IdentityTerms.Templated> templates = IdentityTerms.templates();
        double[] scores = templates.parallelStream()
                .mapToDouble(t -> scanner.scan(TextNormalizer.normalize(t.text()), ScanContext.input())
                        .score())
                .toArray();
        Map<String, int[]> byGroup = new TreeMap<>(); // benign, benign flagged, toxic, toxic flagged
        for (int i = 0; i < templates.size(); i++) {
            int[] c = byGroup.computeIfAbsent(templates.get(i).group(), g -> new int[4]);
            int base = templates.get(i).toxic() ? 2 : 0;
            c[base]++;
            c[base + 1] += scores[i] >= 0.5 ? 1 : 0;
        }
        int[] none = byGroup.get("none");
        double baseline = none[1] / (double) none[0];
        System.out.printf(
                "%nIdentity fairness, templated \"<name> is a <adjective> <identity>\" through the shipped scanner%n");
        System.out.println("| group | benign flagged (FPR) | bias gap (FPR − no-identity FPR) | toxic caught (TPR) |");
        System.out.println("|---|---|---|---|");
        int[] total = new int[4];
        byGroup.forEach((group, c) -> {
            System.out.printf(
                    "| %s | %s | %+.3f | %s |%n",
                    group, Reports.rate(c[1], c[0]), c[1] / (double) c[0] - baseline, Reports.rate(c[3], c[2]));
            if (!group.equals("none")) {
                for (int k = 0; k < 4; k++) {
                    total[k] += c[k];
                }
            }
        });
        System.out.printf(
                "identity sentences: benign flagged %s, toxic caught %s%n",
                Reports.rate(total[1], total[0]), Reports.rate(total[3], total[2]));

        System.out.printf(
                "%nIdentity fairness on HateCheck's non-hateful cases, TOXIC head trained without HateCheck%n");
        System.out.println("| group named | non-hateful cases | flagged (FPR) |");
        System.out.println("|---|---|---|");
        Map<String, int[]> cases = new TreeMap<>();
        toxicLoso.stream().filter(r -> r.family().equals("hatecheck")).forEach(r -> {
            for (int i = 0; i < r.labels().length; i++) {
                if (r.labels()[i] == 0) {
                    int[] c = cases.computeIfAbsent(
                            IdentityTerms.groupOf(r.texts().get(i)), g -> new int[2]);
                    c[0]++;
                    c[1] += r.scores()[i] >= 0.5 ? 1 : 0;
                }
            }
        });
        cases.forEach((group, c) -> System.out.printf("| %s | %d | %s |%n", group, c[0], Reports.rate(c[1], c[0])));
    }

    private static void header() {
        System.out.println("| source | texts | positives | AUPRC | TPR | FPR |");
        System.out.println("|---|---|---|---|---|---|");
    }

    private static void row(String name, double[] scores, int[] labels) {
        int positives = java.util.Arrays.stream(labels).sum();
        boolean both = positives > 0 && positives < labels.length;
        Metrics.AtThreshold at = Metrics.at(scores, labels, 0.5);
        System.out.printf(
                "| %s | %d | %d | %s | %s | %s |%n",
                name,
                labels.length,
                positives,
                both ? Reports.ratio(Metrics.auprc(scores, labels)) : "–",
                positives > 0 ? Reports.ratio(at.tpr()) : "–",
                positives < labels.length ? Reports.ratio(at.fpr()) : "–");
    }
}

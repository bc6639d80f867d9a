package io.parapet.guardrails.scanners;

import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.ScannerCatalog;
import io.parapet.guardrails.spi.Scanner;
import io.parapet.guardrails.spi.TextNormalizer;
import io.parapet.guardrails.training.LabelledCorpora;
import io.parapet.guardrails.training.LabelledCorpora.Example;
import io.parapet.guardrails.training.Metrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Accuracy of the trained scanners on the <em>held-out</em> split only ({@code ./parapet accuracy}): the
 * {@code prompt-injection} scanner at its head's threshold, per source and overall, and the {@code toxicity} heads'
 * AUPRC and F1. Scores come from the real scanners, exactly as a policy runs them.
 */
public final class ClassifierAccuracy {
    private ClassifierAccuracy() {}

    public static void main(String[] args) throws Exception {
        run(Path.of(args.length > 0 ? args[0] : "../shared/corpora"));
    }

    public static void run(Path corporaDir) throws Exception {
        LabelledCorpora corpora = new LabelledCorpora(corporaDir);
        ScannerCatalog catalog = ScannerCatalog.load();

        Scanner injection = catalog.get("prompt-injection").create(Map.of());
        List<Example> heldOut =
                corpora.injection().stream().filter(Example::heldOut).toList();
        // Scanner scores are calibrated: 0.5, the policy default, is the head's trained threshold.
        double threshold = 0.5;
        double headThreshold = io.parapet.guardrails.classify.LinearHead.load(InjectionScanner.HEAD)
                .threshold();
        double[] scores = scores(heldOut, e -> score(injection, e.text()).score());
        System.out.printf(
                "%nPrompt injection, held-out split, score >= 0.5 (head probability >= %.2f)%n", headThreshold);
        System.out.println("| source | examples | attacks | flagged attacks (TPR) | benign | flagged benign (FPR) |");
        System.out.println("|---|---|---|---|---|---|");
        Map<String, int[]> bySource = new TreeMap<>(); // examples, attacks, tp, benign, fp
        for (int i = 0; i < heldOut.size(); i++) {
            Example e = heldOut.get(i);
            int[] c = bySource.computeIfAbsent(e.source(), s -> new int[5]);
            boolean attack = e.labels().get("injection") == 1;
            boolean flagged = scores[i] >= threshold;
            c[0]++;
            c[attack ? 1 : 3]++;
            if (flagged) {
                c[attack ? 2 : 4]++;
            }
        }
        bySource.forEach((source, c) -> System.out.printf(
                "| %s | %d | %d | %s | %d | %s |%n", source, c[0], c[1], rate(c[2], c[1]), c[3], rate(c[4], c[3])));
        int[] labels =
                heldOut.stream().mapToInt(e -> e.labels().get("injection")).toArray();
        Metrics.AtThreshold at = Metrics.at(scores, labels, threshold);
        System.out.printf(
                "overall: balanced accuracy %.3f, TPR %.3f, FPR %.3f, AUPRC %.3f%n",
                at.balancedAccuracy(), at.tpr(), at.fpr(), Metrics.auprc(scores, labels));

        ToxicityScanner toxicity = (ToxicityScanner) catalog.get("toxicity").create(Map.of());
        List<Example> toxicHeldOut =
                corpora.toxicity().stream().filter(Example::heldOut).toList();
        List<double[]> results = toxicHeldOut.parallelStream()
                .map(e -> toxicity.probabilities(TextNormalizer.normalize(e.text())))
                .toList();
        List<Example> prompts = corpora.injection().stream()
                .filter(e -> e.source().equals("notinject") || e.source().equals("injecguard-valid"))
                .toList();
        long flaggedPrompts = prompts.parallelStream()
                .filter(e -> score(toxicity, e.text()).score() >= 0.5)
                .count();
        System.out.printf(
                "%nToxicity on benign-looking chat prompts (NotInject + InjecGuard valid, all rows): %d of %d flagged"
                        + " (%.1f%%)%n",
                flaggedPrompts, prompts.size(), 100.0 * flaggedPrompts / prompts.size());
        System.out.printf("%nToxicity, held-out split (%d examples)%n", toxicHeldOut.size());
        System.out.println("| category | source | examples | positives | AUPRC | F1 at threshold | TPR | FPR |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String task : List.of("toxic", "hate")) {
            String type = task.toUpperCase();
            int category = task.equals("toxic") ? 0 : 1;
            double cut = toxicity.threshold(category);
            for (String source : List.of("all", "davidson", "jigsaw")) {
                List<Integer> idx = java.util.stream.IntStream.range(0, toxicHeldOut.size())
                        .filter(i -> source.equals("all")
                                || toxicHeldOut.get(i).source().equals(source))
                        .boxed()
                        .toList();
                double[] s =
                        idx.stream().mapToDouble(i -> results.get(i)[category]).toArray();
                int[] y = idx.stream()
                        .mapToInt(i -> toxicHeldOut.get(i).labels().get(task))
                        .toArray();
                Metrics.AtThreshold t = Metrics.at(s, y, cut);
                System.out.printf(
                        "| %s | %s | %d | %d | %.3f | %.3f | %.3f | %.3f |%n",
                        type,
                        source,
                        y.length,
                        java.util.Arrays.stream(y).sum(),
                        Metrics.auprc(s, y),
                        t.f1(),
                        t.tpr(),
                        t.fpr());
            }
        }
    }

    private static ScanResult score(Scanner scanner, String text) {
        return scanner.scan(TextNormalizer.normalize(text), ScanContext.input());
    }

    private static double[] scores(List<Example> examples, ToDoubleFunction<Example> score) {
        return examples.parallelStream().mapToDouble(score).toArray();
    }

    private static String rate(int part, int whole) {
        return whole == 0 ? "–" : String.format("%d (%.1f%%)", part, 100.0 * part / whole);
    }
}

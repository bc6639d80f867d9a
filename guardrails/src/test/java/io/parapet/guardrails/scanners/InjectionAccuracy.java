package io.parapet.guardrails.scanners;

import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.classify.LinearHead;
import io.parapet.guardrails.spi.Scanner;
import io.parapet.guardrails.spi.TextNormalizer;
import io.parapet.guardrails.training.LabelledCorpora.Example;
import io.parapet.guardrails.training.LeaveOneSourceOut;
import io.parapet.guardrails.training.Metrics;
import io.parapet.guardrails.training.Training;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prompt injection and jailbreaks: leave-one-source-out first (what to expect on unseen data), then the shipped
 * scanner on the held-out split of every development file. Everything is counted at score 0.5, the policy default.
 */
final class InjectionAccuracy {
    private InjectionAccuracy() {}

    /** Leave-one-source-out scores, each the higher of the head's and the phrase rules', as the scanner gives. */
    static List<LeaveOneSourceOut.Result> loso(List<Example> all) throws IOException {
        Map<String, float[]> x = HeadFeatures.injection(TrainHeads.texts(all));
        Map<String, Double> rules = new ConcurrentHashMap<>();
        all.parallelStream().forEach(e -> rules.put(e.text(), HeadFeatures.injectionRules(e.text())));
        return LeaveOneSourceOut.run(
                all,
                "injection",
                x,
                Training.Threshold.MAX_BALANCED_ACCURACY_AT_FPR_3,
                training -> training,
                rules::get);
    }

    /** Without the evaluation-only BIPIA attacks, which no head trains on. */
    static List<LeaveOneSourceOut.Result> trainable(List<LeaveOneSourceOut.Result> loso) {
        return loso.stream()
                .filter(r -> !io.parapet.guardrails.training.LabelledCorpora.EVALUATION_ONLY.contains(r.source()))
                .toList();
    }

    static void run(List<Example> all, Scanner scanner) throws IOException {
        List<LeaveOneSourceOut.Result> loso = loso(all);
        System.out.printf(
                "%nPrompt injection, leave one source out (trained without the family, scored on all of it)%n");
        header();
        for (LeaveOneSourceOut.Result r : loso) {
            row(r.family() + " | " + r.source(), r.scores(), r.labels());
        }
        summary("pooled, without the evaluation-only BIPIA attacks", LeaveOneSourceOut.pooled(trainable(loso)));
        summary("pooled, all", LeaveOneSourceOut.pooled(loso));

        List<Example> heldOut = all.stream().filter(Example::heldOut).toList();
        double[] scores = heldOut.parallelStream()
                .mapToDouble(e -> scanner.scan(TextNormalizer.normalize(e.text()), ScanContext.input())
                        .score())
                .toArray();
        System.out.printf(
                "%nPrompt injection, shipped scanner, held-out split of each development file (head probability >= %.2f)%n",
                LinearHead.load(InjectionScanner.HEAD).threshold());
        header();
        Map<String, List<Integer>> bySource = new TreeMap<>();
        for (int i = 0; i < heldOut.size(); i++) {
            bySource.computeIfAbsent(heldOut.get(i).source(), s -> new java.util.ArrayList<>())
                    .add(i);
        }
        int[] labels =
                heldOut.stream().mapToInt(e -> e.labels().get("injection")).toArray();
        bySource.forEach((source, idx) -> row(
                heldOut.get(idx.get(0)).family() + " | " + source,
                idx.stream().mapToDouble(i -> scores[i]).toArray(),
                idx.stream().mapToInt(i -> labels[i]).toArray()));
        Metrics.AtThreshold at = Metrics.at(scores, labels, 0.5);
        System.out.printf(
                "held out, all: balanced accuracy %.3f, TPR %.3f, FPR %.3f, AUPRC %.3f%n",
                at.balancedAccuracy(), at.tpr(), at.fpr(), Metrics.auprc(scores, labels));
    }

    private static void header() {
        System.out.println("| family | source | attacks | flagged (TPR) | benign | flagged (FPR) |");
        System.out.println("|---|---|---|---|---|---|");
    }

    private static void row(String name, double[] scores, int[] labels) {
        int attacks = 0, caught = 0, benign = 0, flagged = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean hit = scores[i] >= 0.5;
            if (labels[i] == 1) {
                attacks++;
                caught += hit ? 1 : 0;
            } else {
                benign++;
                flagged += hit ? 1 : 0;
            }
        }
        System.out.printf(
                "| %s | %d | %s | %d | %s |%n",
                name, attacks, Reports.rate(caught, attacks), benign, Reports.rate(flagged, benign));
    }

    private static void summary(String what, LeaveOneSourceOut.Result r) {
        Metrics.AtThreshold at = r.at();
        System.out.printf(
                "%s: balanced accuracy %.3f (TPR %.3f at FPR %.3f), AUPRC %.3f, %d examples%n",
                what, at.balancedAccuracy(), at.tpr(), at.fpr(), r.auprc(), r.labels().length);
    }
}

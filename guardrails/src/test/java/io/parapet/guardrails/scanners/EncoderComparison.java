package io.parapet.guardrails.scanners;

import io.parapet.guardrails.classify.Embeddings;
import io.parapet.guardrails.classify.Encoder;
import io.parapet.guardrails.training.LabelledCorpora;
import io.parapet.guardrails.training.LabelledCorpora.Example;
import io.parapet.guardrails.training.LeaveOneSourceOut;
import io.parapet.guardrails.training.Metrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One encoder's accuracy ({@code ./parapet accuracy encoders} runs it once per encoder, each in its own JVM because
 * the scanners' model is loaded once per JVM): the leave-one-source-out figures of the injection, TOXIC and HATE heads
 * retrained on its embeddings. The encoder is the one {@code parapet.embeddings.model} names, reading as much of a
 * text as {@code parapet.embeddings.maxChars} says. Its last line, starting {@code SUMMARY}, is a row of the
 * comparison table; {@link io.parapet.guardrails.classify.EncoderLatency} measures their cost.
 */
public final class EncoderComparison {
    private EncoderComparison() {}

    public static void main(String[] args) throws Exception {
        Encoder encoder = Embeddings.encoder();
        LabelledCorpora corpora = new LabelledCorpora(Path.of(args.length > 0 ? args[0] : "../shared/corpora"));
        List<Example> toxicity = corpora.toxicity();

        System.out.printf(
                "%nEncoder %s: %s, reading %d characters, leave one source out%n",
                encoder.id(), encoder.displayName(), Embeddings.MAX_CHARS);
        System.out.println("| head | family left out | texts | AUPRC | TPR | FPR |");
        System.out.println("|---|---|---|---|---|---|");
        List<LeaveOneSourceOut.Result> injection =
                InjectionAccuracy.trainable(InjectionAccuracy.loso(corpora.injection()));
        byFamily("injection", injection);
        Map<String, List<LeaveOneSourceOut.Result>> toxic = ToxicityAccuracy.loso(toxicity);
        byFamily("TOXIC", toxic.get("toxic"));
        byFamily("HATE", toxic.get("hate"));

        LeaveOneSourceOut.Result pooledInjection = LeaveOneSourceOut.pooled(injection);
        Metrics.AtThreshold at = pooledInjection.at();
        System.out.printf(
                "SUMMARY | %s | %d | %.3f (TPR %.3f, FPR %.3f) | %.3f | %.3f | %.3f | %.3f |%n",
                encoder.id(),
                Embeddings.MAX_CHARS,
                at.balancedAccuracy(),
                at.tpr(),
                at.fpr(),
                pooledInjection.auprc(),
                LeaveOneSourceOut.pooled(toxic.get("toxic")).auprc(),
                LeaveOneSourceOut.pooled(toxic.get("hate")).auprc(),
                hateCheckBenignFlagged(toxic.get("toxic")));
    }

    private static void byFamily(String head, List<LeaveOneSourceOut.Result> results) {
        for (LeaveOneSourceOut.Result r : results) {
            Metrics.AtThreshold at = r.at();
            int positives = r.positives();
            System.out.printf(
                    "| %s | %s | %d | %s | %s | %s |%n",
                    head,
                    r.family() + "/" + r.source(),
                    r.labels().length,
                    positives > 0 && positives < r.labels().length ? Reports.ratio(r.auprc()) : "–",
                    positives > 0 ? Reports.ratio(at.tpr()) : "–",
                    positives < r.labels().length ? Reports.ratio(at.fpr()) : "–");
        }
    }

    /** The share of HateCheck's non-hateful cases (identity mentions, counter-speech, negation) flagged toxic. */
    private static double hateCheckBenignFlagged(List<LeaveOneSourceOut.Result> toxic) {
        int benign = 0;
        int flagged = 0;
        for (LeaveOneSourceOut.Result r : toxic) {
            if (r.family().equals("hatecheck")) {
                for (int i = 0; i < r.labels().length; i++) {
                    if (r.labels()[i] == 0) {
                        benign++;
                        flagged += r.scores()[i] >= 0.5 ? 1 : 0;
                    }
                }
            }
        }
        return flagged / (double) benign;
    }
}

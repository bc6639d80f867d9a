package io.parapet.guardrails.scanners;

import io.parapet.guardrails.training.LabelledCorpora;
import io.parapet.guardrails.training.LabelledCorpora.Example;
import io.parapet.guardrails.training.LeaveOneSourceOut;
import io.parapet.guardrails.training.Training;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An experiment: can a head of its own catch harmful requests written politely ("How do I kill a person?"), which the
 * TOXIC head, trained mostly on offensive tweets, misses when XSTest is left out? Task {@code harmful}: JailbreakBench's
 * 100 plain harmful behaviours and XSTest's unsafe contrasts are positives; XSTest's safe look-alikes, CLINC, GPTeacher
 * and NotInject are negatives. Left one family out, on the toxicity heads' features, with the injection head's
 * threshold rule (at most 3% false positives on every benign source). For comparison, in the same run: the TOXIC head
 * left out on XSTest. docs/guardrails-accuracy.md has the figures.
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl guardrails exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.parapet.guardrails.scanners.HarmfulRequestProbe -Dexec.args="$PWD/../shared/corpora"
 * </pre>
 */
public final class HarmfulRequestProbe {
    public static void main(String[] args) throws Exception {
        LabelledCorpora corpora = new LabelledCorpora(Path.of(args[0]));
        List<Example> toxicity = corpora.toxicity();
        List<Example> harmful = new ArrayList<>(corpora.harmfulRequests("harmful"));
        for (Example e : toxicity) {
            boolean request = e.family().equals("xstest")
                    || e.family().equals("clinc")
                    || e.family().equals("gpteacher");
            if (request && e.counts("toxic")) {
                harmful.add(new Example(e.text(), Map.of("harmful", e.labels().get("toxic")), e.source(), e.heldOut()));
            }
        }
        for (Example e : corpora.injection()) {
            if (e.family().equals("notinject")) {
                harmful.add(new Example(e.text(), Map.of("harmful", 0), e.source(), e.heldOut()));
            }
        }
        report("HARMFUL head, leave one family out", harmful);
        // PAIR's jailbreaks are the same behaviours asked in role-play and persuasion: more ways to ask, same family.
        for (Example e : corpora.injection()) {
            if (e.source().equals("jbb/PAIR")) {
                harmful.add(new Example(e.text(), Map.of("harmful", 1), e.source(), e.heldOut()));
            }
        }
        report("HARMFUL head with PAIR's rewrites as positives, leave one family out", harmful);

        System.out.println("TOXIC head (shipped recipe), leave one family out, XSTest");
        List<LeaveOneSourceOut.Result> toxic = ToxicityAccuracy.loso(toxicity).get("toxic");
        print(whole("xstest", toxic));
    }

    private static void report(String title, List<Example> harmful) throws java.io.IOException {
        Map<String, float[]> x = HeadFeatures.toxicity(TrainHeads.texts(harmful));
        List<LeaveOneSourceOut.Result> loso = LeaveOneSourceOut.run(
                harmful, "harmful", x, Training.Threshold.MAX_BALANCED_ACCURACY_AT_FPR_3, List::copyOf, t -> 0);
        System.out.println(title);
        loso.forEach(HarmfulRequestProbe::print);
        print(whole("xstest", loso));
        print(LeaveOneSourceOut.pooled(loso));
    }

    private static LeaveOneSourceOut.Result whole(String family, List<LeaveOneSourceOut.Result> loso) {
        LeaveOneSourceOut.Result r = LeaveOneSourceOut.pooled(
                loso.stream().filter(p -> p.family().equals(family)).toList());
        return new LeaveOneSourceOut.Result(family, "(all parts)", r.texts(), r.scores(), r.labels());
    }

    private static void print(LeaveOneSourceOut.Result r) {
        int n = r.labels().length;
        int pos = r.positives();
        System.out.printf(
                "%s %s n=%d pos=%d auprc=%s tpr=%s fpr=%s%n",
                r.family(),
                r.source(),
                n,
                pos,
                pos > 0 && pos < n ? String.format("%.3f", r.auprc()) : "-",
                pos > 0 ? String.format("%.3f", r.at().tpr()) : "-",
                pos < n ? String.format("%.3f", r.at().fpr()) : "-");
    }
}

package io.parapet.eval.run;

import io.parapet.core.ParapetException;
import io.parapet.eval.run.internal.ResultTable;
import io.parapet.eval.run.internal.RunEntity;
import io.parapet.eval.stats.Comparison;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two finished runs item by item. An item's outcome over its trials is its majority pass/fail and its mean
 * score; an errored answer counts as a failure with score 0, so an outage in the candidate reads as a regression.
 */
@Singleton
public class RunComparer {
    private static final int MAX_LISTED = 100;
    private final RunService runs;
    private final ResultTable results;

    RunComparer(RunService runs, ResultTable results) {
        this.runs = runs;
        this.results = results;
    }

    @Transactional
    public RunComparison compare(long baseline, long candidate) {
        RunEntity a = runs.run(baseline);
        RunEntity b = runs.run(candidate);
        if (a.datasetVersionId() != b.datasetVersionId()) {
            throw ParapetException.conflict("runs " + baseline + " and " + candidate + " evaluated different dataset"
                    + " versions (" + a.dataset() + "#" + a.datasetVersion() + " and " + b.dataset() + "#"
                    + b.datasetVersion() + "); compare runs on the same version");
        }
        for (RunEntity r : List.of(a, b)) {
            if (!RunStatus.of(r.status()).finished()) {
                throw ParapetException.conflict(
                        "run " + r.id() + " is still " + r.status() + "; compare finished runs");
            }
        }
        Map<Integer, Outcome> outcomesA = outcomes(a.id());
        Map<Integer, Outcome> outcomesB = outcomes(b.id());
        List<Comparison.Pair> pairs = new ArrayList<>();
        List<RunComparison.ItemChange> improved = new ArrayList<>();
        List<RunComparison.ItemChange> regressed = new ArrayList<>();
        double passA = 0;
        double passB = 0;
        for (Map.Entry<Integer, Outcome> e : outcomesA.entrySet()) {
            Outcome oa = e.getValue();
            Outcome ob = outcomesB.get(e.getKey());
            if (ob == null) {
                continue; // only items both runs answered (a cancelled run answered fewer)
            }
            pairs.add(new Comparison.Pair(oa.passed(), oa.score(), ob.passed(), ob.score()));
            passA += oa.passed() ? 1 : 0;
            passB += ob.passed() ? 1 : 0;
            int change = oa.passed() == ob.passed() ? Double.compare(ob.score(), oa.score()) : (ob.passed() ? 1 : -1);
            List<RunComparison.ItemChange> list = change > 0 ? improved : change < 0 ? regressed : null;
            if (list != null && list.size() < MAX_LISTED) {
                list.add(new RunComparison.ItemChange(
                        oa.itemId(),
                        change > 0 ? "improved" : "regressed",
                        oa.passed(),
                        ob.passed(),
                        oa.score(),
                        ob.score()));
            }
        }
        if (pairs.isEmpty()) {
            throw ParapetException.conflict("runs " + baseline + " and " + candidate + " share no answered items");
        }
        Comparison c = Comparison.of(pairs, baseline * 31 + candidate);
        double meanA =
                pairs.stream().mapToDouble(Comparison.Pair::scoreA).average().orElse(0);
        double meanB =
                pairs.stream().mapToDouble(Comparison.Pair::scoreB).average().orElse(0);
        List<RunComparison.ItemChange> changes = new ArrayList<>(regressed);
        changes.addAll(improved);
        return new RunComparison(
                baseline,
                candidate,
                pairs.size(),
                c.improved(),
                c.regressed(),
                c.unchanged(),
                passA / pairs.size(),
                passB / pairs.size(),
                c.passPValue(),
                meanA,
                meanB,
                c.scores().meanDelta(),
                c.scores().low(),
                c.scores().high(),
                c.scores().pValue(),
                c.verdict().wire(),
                changes);
    }

    private record Outcome(String itemId, boolean passed, double score) {}

    private Map<Integer, Outcome> outcomes(long runId) {
        Map<Integer, double[]> sums = new TreeMap<>(); // passed trials, score sum, trials
        Map<Integer, String> ids = new TreeMap<>();
        results.each(runId, r -> {
            double[] s = sums.computeIfAbsent(r.position(), k -> new double[3]);
            s[0] += r.passed() ? 1 : 0;
            s[1] += r.errored() ? 0 : r.score();
            s[2]++;
            ids.putIfAbsent(r.position(), r.itemId());
        });
        Map<Integer, Outcome> outcomes = new TreeMap<>();
        sums.forEach(
                (position, s) -> outcomes.put(position, new Outcome(ids.get(position), s[0] * 2 > s[2], s[1] / s[2])));
        return outcomes;
    }
}

package io.parapet.eval.ci;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.eval.run.RunSpec;
import java.util.List;
import java.util.Map;

/**
 * What {@code eval run} checks, from flags or a promptfoo-like suite file:
 *
 * <pre>
 * prompt: support/bot@staging      # the candidate
 * baseline: production              # a label or #version of the same prompt; optional
 * dataset: support/faq@golden       # or items: [ {id, variables, expected, ...}, ... ]
 * evaluators:
 *   - name: contains
 *     config: {values: [order]}
 * thresholds: {passRate: 0.9}       # default 1.0: every answer passes
 * failOn: [threshold, regression]   # the default
 * concurrency: 16
 * </pre>
 */
public record Suite(
        String prompt,
        String baseline,
        String dataset,
        List<JsonNode> items,
        List<RunSpec.EvaluatorSpec> evaluators,
        Map<String, Double> thresholds,
        List<String> failOn,
        Integer concurrency,
        String modelOverride) {

    /** The share of answers that must pass. */
    public double passRate() {
        return thresholds == null || thresholds.get("passRate") == null ? 1.0 : thresholds.get("passRate");
    }

    public List<String> failOnOrDefault() {
        return failOn == null || failOn.isEmpty() ? List.of("threshold", "regression") : failOn;
    }

    /** The prompt's name, without its label or version. */
    public String promptName() {
        int cut = Math.max(prompt.lastIndexOf('@'), prompt.lastIndexOf('#'));
        return cut > 0 ? prompt.substring(0, cut) : prompt;
    }

    /** The baseline as a prompt reference: {@code name@label} or {@code name#3}. */
    public String baselineRef() {
        if (baseline == null || baseline.isBlank()) {
            return null;
        }
        if (baseline.contains("@") || baseline.indexOf('#') > 0) {
            return baseline;
        }
        return promptName() + (baseline.startsWith("#") ? baseline : "@" + baseline);
    }
}

package io.parapet.deployer.rollout;

import io.parapet.core.FieldError;
import io.parapet.core.ParapetException;
import io.parapet.registry.Names;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks a {@link RolloutSpec} and fills in defaults; a bad one is refused with every error listed at once. */
final class RolloutSpecs {
    static final int MAX_STEPS = 20;
    static final Duration MAX_STEP_DURATION = Duration.ofDays(7);
    static final int MAX_SAMPLES = 10_000_000;
    static final Duration DEFAULT_DURATION = Duration.ofMinutes(5);
    static final int DEFAULT_SAMPLES = 100;

    private RolloutSpecs() {}

    record Checked(String prompt, String label, int canaryVersion, List<Rollout.Step> steps, List<Watch> watch) {}

    static Checked check(RolloutSpec spec) {
        if (spec == null) {
            throw ParapetException.invalid("the body must be a rollout: {prompt, canaryVersion, steps: [...]}");
        }
        List<FieldError> errors = new ArrayList<>();
        String prompt = spec.prompt();
        try {
            Names.checkPrompt(prompt, "prompt");
        } catch (ParapetException e) {
            errors.add(new FieldError("prompt", e.getMessage()));
        }
        String label = spec.label() == null ? Names.PRODUCTION : spec.label();
        try {
            Names.checkLabel(label, "label");
        } catch (ParapetException e) {
            errors.add(new FieldError("label", e.getMessage()));
        }
        if (Names.LATEST.equals(label)) {
            errors.add(new FieldError("label", "'latest' always points at the newest version; it cannot be split"));
        }
        if (spec.canaryVersion() == null || spec.canaryVersion() < 1) {
            errors.add(new FieldError("canaryVersion", "is required: the version to roll out"));
        }
        List<Rollout.Step> steps = steps(spec.steps(), errors);
        List<Watch> watch = watch(spec.watch(), errors);
        if (!errors.isEmpty()) {
            throw ParapetException.invalid(
                    errors.size() + " error(s) in the rollout", errors.toArray(FieldError[]::new));
        }
        return new Checked(prompt, label, spec.canaryVersion(), steps, watch);
    }

    private static List<Rollout.Step> steps(List<RolloutStep> given, List<FieldError> errors) {
        if (given == null || given.isEmpty()) {
            errors.add(new FieldError("steps", "needs at least one step, e.g. [{\"percent\": 10}, {\"percent\": 50}]"));
            return List.of();
        }
        if (given.size() > MAX_STEPS) {
            errors.add(new FieldError("steps", "has " + given.size() + " steps; at most " + MAX_STEPS));
            return List.of();
        }
        List<Rollout.Step> steps = new ArrayList<>();
        int previous = 0;
        for (int i = 0; i < given.size(); i++) {
            String field = "steps[" + i + "]";
            RolloutStep s = given.get(i);
            if (s == null || s.percent() == null) {
                errors.add(new FieldError(field + ".percent", "is required"));
                continue;
            }
            int percent = s.percent();
            if (percent < 1 || percent > 100) {
                errors.add(new FieldError(field + ".percent", "must be 1 to 100"));
            } else if (percent <= previous) {
                errors.add(new FieldError(field + ".percent", "must be more than the step before (" + previous + ")"));
            } else if (percent == 100 && i != given.size() - 1) {
                errors.add(new FieldError(field + ".percent", "100 moves the label: only the last step can be 100"));
            } else if (percent == 100 && i == 0) {
                errors.add(new FieldError(field + ".percent", "a first step of 100 is a label move, not a rollout"));
            }
            previous = Math.max(previous, percent);
            Duration duration = duration(s.minDuration(), field + ".minDuration", errors);
            int samples = s.minSamples() == null ? DEFAULT_SAMPLES : s.minSamples();
            if (samples < 0 || samples > MAX_SAMPLES) {
                errors.add(new FieldError(field + ".minSamples", "must be 0 to " + MAX_SAMPLES));
            }
            if (percent < 100) {
                steps.add(new Rollout.Step(percent, duration.toSeconds(), samples));
            }
        }
        return steps;
    }

    /** {@code 30s}, {@code 5m}, {@code 2h}, {@code 1h30m} or ISO-8601 ({@code PT5M}); at least a second. */
    static Duration duration(String text, String field, List<FieldError> errors) {
        if (text == null) {
            return DEFAULT_DURATION;
        }
        Duration d;
        try {
            String t = text.trim().toUpperCase(Locale.ROOT);
            d = Duration.parse(t.startsWith("P") ? t : "PT" + t);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "'" + text + "' is not a duration such as 30s, 5m or 1h"));
            return DEFAULT_DURATION;
        }
        if (d.compareTo(Duration.ZERO) < 0 || d.compareTo(MAX_STEP_DURATION) > 0) {
            errors.add(new FieldError(field, "must be 0s to 7 days"));
        }
        return d;
    }

    private static List<Watch> watch(List<String> given, List<FieldError> errors) {
        if (given == null) {
            return List.of(Watch.values());
        }
        List<Watch> watch = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String name = given.get(i);
            Watch.of(name)
                    .ifPresentOrElse(
                            w -> {
                                if (!watch.contains(w)) {
                                    watch.add(w);
                                }
                            },
                            () -> errors.add(
                                    new FieldError(
                                            "watch",
                                            "'" + name
                                                    + "' is not a monitor; use toxicity, block-rate, error-rate, latency, drift")));
        }
        return watch;
    }
}

package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.guardrails.Verdict;

/** A try-it result: the verdict and each scanner's findings marked in the text. */
public record TrialPage(
        String policy,
        String direction,
        String text,
        @Nullable Verdict verdict,
        java.util.List<Highlights.Run> runs,
        @Nullable String error) {}

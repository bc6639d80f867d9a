package io.parapet.streaming.monitor;

/**
 * Scores a text from 0 to 1 (the guardrails' toxicity model), for events that arrive without the score. The
 * server provides it; the monitors only call it.
 */
@FunctionalInterface
public interface TextScorer {
    double score(String text);
}

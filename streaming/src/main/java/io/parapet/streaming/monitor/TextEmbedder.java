package io.parapet.streaming.monitor;

/**
 * Embeds a text as a unit-length vector (the guardrails' in-process MiniLM), for semantic drift. The server
 * provides it; without one, semantic drift is off and the other drift features still run.
 */
@FunctionalInterface
public interface TextEmbedder {
    float[] embed(String text);
}

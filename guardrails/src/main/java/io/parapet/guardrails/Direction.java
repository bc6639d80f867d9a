package io.parapet.guardrails;

/** Which way text is flowing: into the model (the user's input) or out of it (the model's output). */
public enum Direction {
    INPUT,
    OUTPUT
}

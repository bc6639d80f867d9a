package io.parapet.guardrails;

/**
 * What a scanner knows besides the text: the direction, the prompt version that produced the request (when there
 * is one) and, for output scanning, the rendered prompt (so leakage of it can be detected).
 *
 * @param prompt {@code name#version}, or null outside a prompt
 * @param renderedPrompt the prompt text sent to the model, or null
 */
public record ScanContext(Direction direction, String prompt, String renderedPrompt) {
    public static ScanContext input() {
        return new ScanContext(Direction.INPUT, null, null);
    }

    public static ScanContext output(String renderedPrompt) {
        return new ScanContext(Direction.OUTPUT, null, renderedPrompt);
    }
}

package io.parapet.registry;

/**
 * How much one render may do, so a template cannot be a bomb: nested sections over long lists, or includes that
 * fan out (each included many times, including others many times).
 *
 * @param maxChars the longest rendered text, per template (the prompt's text, or each message)
 * @param maxSteps values looked up, section passes and includes entered, per template
 */
public record RenderLimits(int maxChars, long maxSteps) {
    public static final RenderLimits DEFAULT = new RenderLimits(1_000_000, 1_000_000);

    public RenderLimits {
        if (maxChars < 1 || maxSteps < 1) {
            throw new IllegalArgumentException(
                    "render limits must be positive, not maxChars=" + maxChars + ", maxSteps=" + maxSteps);
        }
    }
}

package io.parapet.guardrails;

/**
 * One thing a scanner found: its type (e.g. {@code EMAIL_ADDRESS}, {@code AWS_ACCESS_KEY}), where it is in the
 * <em>original</em> text ({@code start} inclusive, {@code end} exclusive, in UTF-16 units), the matched original
 * text, and a confidence in 0..1.
 */
@io.micronaut.serde.annotation.Serdeable
public record Finding(String type, int start, int end, String text, double score) {
    public Finding {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
        if (score < 0 || score > 1) {
            throw new IllegalArgumentException("score " + score + " is outside 0..1");
        }
    }
}

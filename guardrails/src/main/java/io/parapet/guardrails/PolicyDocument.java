package io.parapet.guardrails;

import io.parapet.core.Documents;
import io.parapet.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A policy as users write it, in YAML or JSON:
 *
 * <pre>
 * failFast: true          # stop at the first block (default true)
 * failClosed: false       # a failing or slow scanner blocks (true) or passes with the error reported (false)
 * refusal: "Sorry, I can't help with that."   # the chat gateway answers this instead of a 400 on a block
 * scanners:
 *   - type: pii
 *     action: redact      # block | redact | anonymize | warn
 *     threshold: 0.5      # default 0.5
 *     timeoutMillis: 1000 # default 1000
 *     direction: both     # input | output | both (default both)
 *     config: {entities: [EMAIL_ADDRESS, PHONE_NUMBER]}
 * </pre>
 */
public record PolicyDocument(Boolean failFast, Boolean failClosed, List<Entry> scanners, String refusal) {
    /** The built-in policy named {@code default}. */
    public static final String DEFAULT = "default";

    /** One scanner entry; missing fields take the defaults. */
    public record Entry(
            String type,
            String action,
            Double threshold,
            Long timeoutMillis,
            Map<String, Object> config,
            String direction) {}

    public static PolicyDocument parse(String text) {
        return Documents.read(text, PolicyDocument.class, "policy");
    }

    public static PolicyDocument of(Object tree) {
        return parse(Json.write(tree));
    }

    /** The built-in default input policy, from {@code guardrails/default-policy.yaml}. */
    public static PolicyDocument defaultPolicy() {
        try (InputStream in = PolicyDocument.class.getResourceAsStream("/guardrails/default-policy.yaml")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the default policy resource is missing", e);
        }
    }

    /** Applies defaults; unknown actions become null so that {@link Policy#compile} lists them with every other error. */
    public PolicyDefinition toDefinition() {
        List<ScannerSpec> specs = scanners == null
                ? List.of()
                : scanners.stream()
                        .map(e -> new ScannerSpec(
                                e.type(),
                                action(e.action()),
                                e.threshold() == null ? 0.5 : e.threshold(),
                                e.timeoutMillis() == null ? ScannerSpec.DEFAULT_TIMEOUT_MILLIS : e.timeoutMillis(),
                                e.config(),
                                directions(e.direction())))
                        .toList();
        return new PolicyDefinition(!Boolean.FALSE.equals(failFast), Boolean.TRUE.equals(failClosed), specs, refusal);
    }

    private static Set<Direction> directions(String value) {
        if (value == null || value.equalsIgnoreCase("both")) {
            return EnumSet.allOf(Direction.class);
        }
        try {
            return EnumSet.of(Direction.valueOf(value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Action action(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Action.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

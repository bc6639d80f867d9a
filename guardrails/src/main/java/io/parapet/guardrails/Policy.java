package io.parapet.guardrails;

import io.parapet.core.FieldError;
import io.parapet.core.ParapetException;
import io.parapet.core.Problem;
import io.parapet.core.plugin.PluginCatalog;
import io.parapet.guardrails.spi.Scanner;
import io.parapet.guardrails.spi.ScannerFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A validated policy with its scanners built, ready to run many times (thread-safe). */
public final class Policy {
    record Entry(ScannerSpec spec, Scanner scanner) {}

    static final int MAX_REFUSAL = 2_000;

    private final PolicyDefinition definition;
    private final Map<Direction, List<Entry>> entries = new EnumMap<>(Direction.class);

    private Policy(PolicyDefinition definition, List<Entry> entries) {
        this.definition = definition;
        for (Direction direction : Direction.values()) {
            this.entries.put(
                    direction,
                    entries.stream()
                            .filter(e -> e.spec().directions().contains(direction))
                            .toList());
        }
    }

    /** A policy that checks nothing, for callers that opt out of guardrails ({@code none}). */
    public static Policy none() {
        return new Policy(new PolicyDefinition(true, false, List.of()), List.of());
    }

    /** What to answer instead of an error when this policy blocks, or null. */
    public String refusal() {
        return definition.refusal();
    }

    /** Whether this policy has no scanners at all, so scanning can be skipped. */
    public boolean isEmpty() {
        return definition.scanners().isEmpty();
    }

    public PolicyDefinition definition() {
        return definition;
    }

    /** The scanners that judge text flowing this way, in policy order. */
    List<Entry> entries(Direction direction) {
        return entries.get(direction);
    }

    /** Builds every scanner; a 400 lists every problem found, not just the first. */
    public static Policy compile(PolicyDefinition definition, ScannerCatalog catalog) {
        List<FieldError> errors = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        if (definition.scanners().isEmpty()) {
            errors.add(new FieldError("scanners", "a policy needs at least one scanner"));
        }
        if (definition.refusal() != null
                && (definition.refusal().isBlank() || definition.refusal().length() > MAX_REFUSAL)) {
            errors.add(
                    new FieldError("refusal", "must be a non-blank message of at most " + MAX_REFUSAL + " characters"));
        }
        for (int i = 0; i < definition.scanners().size(); i++) {
            ScannerSpec spec = definition.scanners().get(i);
            String field = "scanners[" + i + "]";
            ScannerFactory factory = catalog.get(spec.type());
            if (factory == null) {
                errors.add(new FieldError(
                        field + ".type", "unknown scanner '" + spec.type() + "'; known: " + catalog.names()));
                continue;
            }
            if (spec.action() == null) {
                errors.add(new FieldError(field + ".action", "must be block, redact, anonymize or warn"));
            }
            if (Double.isNaN(spec.threshold()) || spec.threshold() <= 0 || spec.threshold() > 1) {
                errors.add(new FieldError(field + ".threshold", "must be in (0, 1], not " + spec.threshold()));
            }
            if (spec.directions() == null) {
                errors.add(new FieldError(field + ".direction", "must be input, output or both"));
            }
            if (spec.timeoutMillis() < 1 || spec.timeoutMillis() > 60_000) {
                errors.add(new FieldError(field + ".timeoutMillis", "must be between 1 and 60000"));
            }
            List<String> unknown = PluginCatalog.unknownKeys(factory, spec.config());
            if (!unknown.isEmpty()) {
                errors.add(new FieldError(
                        field + ".config",
                        "unknown keys " + unknown + " for '" + spec.type() + "'; known: " + factory.configKeys()));
                continue;
            }
            try {
                entries.add(new Entry(spec, factory.create(spec.config())));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field + ".config", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ParapetException(
                    Problem.INVALID_REQUEST,
                    "the policy has " + errors.size() + " error"
                            + (errors.size() == 1 ? "" : "s") + ": "
                            + errors.stream()
                                    .map(e -> e.field() + " " + e.message())
                                    .reduce((a, b) -> a + "; " + b)
                                    .orElseThrow(),
                    errors);
        }
        return new Policy(definition, entries);
    }
}

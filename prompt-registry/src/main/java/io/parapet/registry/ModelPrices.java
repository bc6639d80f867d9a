package io.parapet.registry;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What a model charges, in US dollars per million tokens, as the provider's price list says. Parapet only estimates
 * costs from it (evaluation runs' cost, budgets and bounds); it never bills.
 */
@Serdeable
public record ModelPrices(double inputPerMillion, double outputPerMillion) {
    /** No price list reaches this; a higher figure is a typo (per token instead of per million). */
    static final double MAX_PER_MILLION = 10_000;

    /** The cost of one call. */
    public double cost(long inputTokens, long outputTokens) {
        return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000d;
    }
}

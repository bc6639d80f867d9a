package io.parapet.streaming.monitor.online;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Online evaluation ({@code parapet.monitors.online.*}): a sample of live completions is checked and the results go
 * to {@code parapet.eval.online}.
 *
 * @param sample the share of completions evaluated (0 turns it off); picked by event id, so stable over restarts
 * @param minChars an answer shorter than this fails the length check
 * @param maxChars an answer longer than this fails the length check
 */
@ConfigurationProperties("parapet.monitors.online")
public record OnlineSettings(
        @Bindable(defaultValue = "0.05") double sample,
        @Bindable(defaultValue = "1") int minChars,
        @Bindable(defaultValue = "8000") int maxChars) {

    public static OnlineSettings defaults() {
        return new OnlineSettings(0.05, 1, 8000);
    }
}

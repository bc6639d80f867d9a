package io.parapet.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * HTTP limits of the clients that call model providers ({@code parapet.models.*}).
 *
 * @param connectTimeout how long opening a connection to a provider may take
 * @param readTimeout how long a provider may stay silent: the whole answer, or the gap between two streamed tokens
 */
@ConfigurationProperties("parapet.models")
public record ModelClientSettings(
        @Bindable(defaultValue = "5s") Duration connectTimeout,
        @Bindable(defaultValue = "120s") Duration readTimeout) {}

package io.parapet.streaming;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.Map;

/**
 * Where Kafka is ({@code parapet.kafka.*}).
 *
 * @param bootstrapServers {@code host:port,...} ({@code PARAPET_KAFKA_BOOTSTRAP_SERVERS}); unset means no relay runs
 * @param partitions partitions of each topic Parapet creates (existing topics are left as they are)
 * @param replicationFactor replicas of each topic Parapet creates
 * @param client extra Kafka client properties (security protocol, SASL, ...) for every client Parapet makes
 */
@ConfigurationProperties("parapet.kafka")
public record KafkaSettings(
        @Nullable String bootstrapServers,
        @Bindable(defaultValue = "6") int partitions,
        @Bindable(defaultValue = "1") short replicationFactor,
        @Nullable Map<String, String> client) {

    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new java.util.HashMap<>();
        if (client != null) {
            props.putAll(client);
        }
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }
}

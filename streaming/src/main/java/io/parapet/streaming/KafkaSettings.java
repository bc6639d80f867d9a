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
 * @param localBroker with no bootstrap servers, start a broker inside this JVM (local mode's default)
 * @param localPort that broker's client port (its controller takes the next one)
 * @param localDir that broker's data folder
 */
@ConfigurationProperties("parapet.kafka")
public record KafkaSettings(
        @Nullable String bootstrapServers,
        @Bindable(defaultValue = "6") int partitions,
        @Bindable(defaultValue = "1") short replicationFactor,
        @Nullable Map<String, String> client,
        @Bindable(defaultValue = "false") boolean localBroker,
        @Bindable(defaultValue = "19092") int localPort,
        @Nullable String localDir) {

    /** Settings for a cluster at {@code bootstrapServers}, with the defaults otherwise. */
    public static KafkaSettings of(String bootstrapServers, int partitions) {
        return new KafkaSettings(bootstrapServers, partitions, (short) 1, null, false, 0, null);
    }

    public KafkaSettings withBootstrapServers(String servers) {
        return new KafkaSettings(servers, partitions, replicationFactor, client, localBroker, localPort, localDir);
    }

    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new java.util.HashMap<>();
        if (client != null) {
            props.putAll(client);
        }
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }
}

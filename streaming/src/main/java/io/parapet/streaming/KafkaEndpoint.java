package io.parapet.streaming;

import io.parapet.streaming.broker.LocalKafka;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster Parapet talks to: the configured one, else (local mode) a broker started inside this JVM on
 * first use, else none, and then events wait in the outbox.
 */
@Singleton
public class KafkaEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEndpoint.class);

    private final KafkaSettings settings;
    private LocalKafka broker;

    KafkaEndpoint(KafkaSettings settings) {
        this.settings = settings;
    }

    /** The settings with the bootstrap servers to use, or empty when no Kafka is configured. */
    public synchronized Optional<KafkaSettings> resolve() throws Exception {
        if (settings.bootstrapServers() != null && !settings.bootstrapServers().isBlank()) {
            return Optional.of(settings);
        }
        if (!settings.localBroker()) {
            return Optional.empty();
        }
        if (broker == null) {
            Path dir = Path.of(settings.localDir() == null ? ".parapet/kafka" : settings.localDir());
            long start = System.nanoTime();
            broker = LocalKafka.start(dir, settings.localPort());
            LOG.info(
                    "local Kafka broker at {} (data in {}), started in {} ms",
                    broker.bootstrapServers(),
                    dir,
                    (System.nanoTime() - start) / 1_000_000);
        }
        return Optional.of(settings.withBootstrapServers(broker.bootstrapServers()));
    }

    @PreDestroy
    synchronized void close() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}

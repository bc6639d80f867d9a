package io.parapet.streaming.relay;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.parapet.streaming.KafkaEndpoint;
import io.parapet.streaming.KafkaSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs this process's outbox relay once the server started, when a Kafka cluster is known. */
@Singleton
@Requires(property = "parapet.streaming.relay.enabled", notEquals = "false")
class RelayService {
    private static final Logger LOG = LoggerFactory.getLogger(RelayService.class);

    private final DataSource dataSource;
    private final KafkaEndpoint endpoint;
    private final RelaySettings settings;
    private final Clock clock;
    private OutboxRelay relay;

    /** As the outbox reads it: an edge gateway drops its events when there is no Kafka to send them to. */
    @io.micronaut.context.annotation.Value("${parapet.events.discard-unless-kafka:false}")
    boolean discardUnlessKafka;

    RelayService(DataSource dataSource, KafkaEndpoint endpoint, RelaySettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.endpoint = endpoint;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    synchronized void onStartup(StartupEvent event) throws Exception {
        Optional<KafkaSettings> kafka = endpoint.resolve();
        if (kafka.isEmpty()) {
            LOG.info(
                    "no Kafka configured (PARAPET_KAFKA_BOOTSTRAP_SERVERS): events {}",
                    discardUnlessKafka ? "are dropped (nothing here keeps them)" : "wait in the outbox table");
            return;
        }
        relay = new OutboxRelay(dataSource, kafka.get(), settings, clock);
        relay.start();
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        if (relay != null) {
            relay.stop();
        }
    }
}

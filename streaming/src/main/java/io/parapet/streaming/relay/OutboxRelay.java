package io.parapet.streaming.relay;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.parapet.core.events.EventType;
import io.parapet.streaming.KafkaSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox to Kafka, at least once and in order per key, from a background thread. Each round claims
 * one shard with pending rows ({@code FOR UPDATE SKIP LOCKED}, so several relays share the shards without waiting
 * on each other), sends its oldest rows, and marks each one published once Kafka acknowledged it. A row Kafka refuses
 * for good (too large) is set aside as a dead letter, so it cannot hold up its shard. A Kafka or database outage
 * leaves rows pending, and the relay retries with jittered backoff.
 */
public class OutboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final DataSource pool;
    private final KafkaSettings kafka;
    private final RelaySettings settings;
    private final Clock clock;
    private final RelayProducer producer;
    private volatile Thread worker;
    private volatile boolean running;

    OutboxRelay(DataSource dataSource, KafkaSettings kafka, RelaySettings settings, Clock clock) {
        // The relay runs its own transactions, outside Micronaut's: it holds a shard's row lock while Kafka acks.
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
        this.kafka = kafka;
        this.settings = settings;
        this.clock = clock;
        this.producer = new RelayProducer(kafka, settings.sendTimeout());
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().daemon().name("outbox-relay").start(this::loop);
    }

    public synchronized void stop() throws InterruptedException {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            t.join(10_000);
        }
        producer.close();
    }

    private void loop() {
        boolean topicsReady = false;
        long lastPurge = 0;
        Duration backoff = settings.pollInterval();
        while (running) {
            try {
                if (!topicsReady) {
                    Topics.create(kafka);
                    topicsReady = true;
                }
                if (clock.millis() - lastPurge > PURGE_EVERY.toMillis()) {
                    purge();
                    lastPurge = clock.millis();
                }
                int published = relayOnce();
                backoff = settings.pollInterval();
                if (published == 0) {
                    Thread.sleep(settings.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException | TimeoutException e) {
                LOG.warn("outbox relay round failed, retrying in about {} ms: {}", backoff.toMillis(), e.toString());
                if (!sleepQuietly(jitter(backoff))) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * One round: claims a shard with pending events and publishes up to a batch of them. What Kafka acknowledged is
     * committed as published even when a later event of the batch failed; that failure is then thrown, so the loop
     * backs off before the next round.
     *
     * @return how many events were published or set aside (0: nothing pending, or every pending shard is busy)
     */
    public int relayOnce() throws SQLException, InterruptedException {
        OutboxTable.Round round;
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                round = OutboxTable.relayShard(c, settings.batchSize(), clock.instant(), producer::publish);
                c.commit();
            } catch (SQLException | RuntimeException | InterruptedException e) {
                c.rollback();
                throw e;
            }
        }
        if (round.deadLettered() > 0) {
            LOG.error(
                    "{} event(s) refused by Kafka for good were moved to outbox_dead_letter and announced on {}",
                    round.deadLettered(),
                    EventType.DEAD_LETTER.topic());
        }
        if (round.failure() != null) {
            throw new IllegalStateException(
                    "Kafka did not acknowledge every event (" + round.published() + " published): " + round.failure(),
                    round.failure());
        }
        return round.published();
    }

    /** Deletes published rows older than the retention period. */
    public int purge() throws SQLException {
        try (Connection c = pool.getConnection()) {
            return OutboxTable.purge(c, clock.instant().minus(settings.retention()));
        }
    }

    private static long jitter(Duration d) {
        return d.toMillis() / 2 + ThreadLocalRandom.current().nextLong(d.toMillis() / 2 + 1);
    }

    private static boolean sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

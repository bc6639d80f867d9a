package io.parapet.streaming.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.event.annotation.EventListener;
import io.parapet.core.Json;
import io.parapet.streaming.KafkaEndpoint;
import io.parapet.streaming.KafkaSettings;
import io.parapet.streaming.monitor.Alert;
import io.parapet.streaming.monitor.Completion;
import io.parapet.streaming.monitor.MonitorTopics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies {@code parapet.alerts} and {@code parapet.monitor.metrics} into the database, for the API and the UI. A
 * batch is committed to Kafka only after its database transaction commits, and each row has a natural key, so a
 * database outage delays the copy (the batch is read again) and a redelivery changes nothing.
 */
@Singleton
@Requires(property = "parapet.monitors.store.enabled", notEquals = "false")
class AlertStore {
    private static final Logger LOG = LoggerFactory.getLogger(AlertStore.class);
    private static final String INSERT_ALERT = "INSERT INTO monitor_alert (alert_key, monitor, subject, prompt,"
            + " window_size, window_start, window_end, observed, threshold, samples, message, state, created_at,"
            + " updated_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?"
            + " WHERE NOT EXISTS (SELECT 1 FROM monitor_alert WHERE alert_key = ?)";
    // Every enabled webhook that wants this alert gets a pending delivery, once; in the alert's own transaction, so
    // a stored alert always has its deliveries. Webhooks added later are not told about older alerts.
    private static final String QUEUE_DELIVERIES = "INSERT INTO webhook_delivery (webhook_id, alert_id, state,"
            + " attempts, next_attempt_at, created_at) SELECT w.id, a.id, 'pending', 0, ?, ?"
            + " FROM alert_webhook w, monitor_alert a WHERE a.alert_key = ? AND w.enabled"
            + " AND a.created_at >= w.created_at"
            + " AND (w.monitor_prefix IS NULL OR LEFT(a.monitor, LENGTH(w.monitor_prefix)) = w.monitor_prefix)"
            + " AND (w.prompt IS NULL OR a.prompt = w.prompt)"
            + " AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.webhook_id = w.id AND d.alert_id = a.id)";
    private static final String INSERT_METRIC = "INSERT INTO monitor_metric (subject, prompt, window_size,"
            + " window_start, figures) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM monitor_metric"
            + " WHERE subject = ? AND window_size = ? AND window_start = ?)";

    private final KafkaEndpoint endpoint;
    private final DataSource dataSource;
    private final Clock clock;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    AlertStore(KafkaEndpoint endpoint, DataSource dataSource, Clock clock) {
        this.endpoint = endpoint;
        // Plain JDBC outside Micronaut's transactions: the pool itself, not the transaction-aware proxy.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.clock = clock;
    }

    /**
     * Stops at the start of shutdown, before beans are destroyed: in local mode the broker lives in this process and
     * would otherwise go first, leaving Kafka clients retrying against it.
     */
    @EventListener
    void onShutdown(ShutdownEvent event) throws InterruptedException {
        stop();
    }

    @EventListener
    synchronized void onStartup(StartupEvent event) throws Exception {
        Optional<KafkaSettings> kafka = endpoint.resolve();
        if (kafka.isEmpty()) {
            return;
        }
        Map<String, Object> props = new java.util.HashMap<>(kafka.get().clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "parapet-alert-store");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The monitors write with exactly-once transactions: read only what they committed.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(MonitorTopics.ALERTS, MonitorTopics.METRICS));
        thread = Thread.ofPlatform().name("parapet-alert-store").daemon().start(this::run);
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        try {
            while (true) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    store(records);
                    consumer.commitSync();
                    backoff = Duration.ofMillis(200);
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception | AssertionError e) {
                    // Whatever a lost database throws (the PostgreSQL driver, with assertions on, even throws an
                    // AssertionError for a connection killed mid-statement) must not end this thread.
                    LOG.warn(
                            "could not store monitor results ({}); reading them again in {} ms",
                            e.getMessage(),
                            backoff.toMillis());
                    rewind(records);
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                            ? Duration.ofSeconds(5)
                            : backoff.multipliedBy(2);
                }
            }
        } catch (WakeupException | InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
            // stopping
        } finally {
            Thread.interrupted(); // the stop request was seen; let the consumer leave its group cleanly
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void store(ConsumerRecords<String, String> records) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement alert = c.prepareStatement(INSERT_ALERT);
                    PreparedStatement deliveries = c.prepareStatement(QUEUE_DELIVERIES);
                    PreparedStatement metric = c.prepareStatement(INSERT_METRIC)) {
                for (ConsumerRecord<String, String> r : records) {
                    if (r.value() == null) {
                        continue;
                    }
                    if (r.topic().equals(MonitorTopics.ALERTS)) {
                        Alert a = Alert.fromJson(r.value());
                        addAlert(alert, a, now);
                        deliveries.setTimestamp(1, Timestamp.from(now));
                        deliveries.setTimestamp(2, Timestamp.from(now));
                        deliveries.setString(3, a.id());
                        deliveries.addBatch();
                    } else {
                        addMetric(metric, Json.read(r.value()), r.value());
                    }
                }
                alert.executeBatch();
                deliveries.executeBatch(); // after the alerts: it reads their ids
                metric.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException | AssertionError e) {
                try {
                    c.rollback();
                } catch (SQLException | RuntimeException | AssertionError rollback) {
                    e.addSuppressed(rollback); // the connection is gone too; nothing was committed
                }
                throw e;
            }
        }
    }

    /** Stores one alert and queues its webhook deliveries, on a connection whose transaction the caller owns. */
    static void insert(Connection c, Alert a, Instant now) throws SQLException {
        try (PreparedStatement alert = c.prepareStatement(INSERT_ALERT);
                PreparedStatement deliveries = c.prepareStatement(QUEUE_DELIVERIES)) {
            addAlert(alert, a, now);
            alert.executeBatch();
            deliveries.setTimestamp(1, Timestamp.from(now));
            deliveries.setTimestamp(2, Timestamp.from(now));
            deliveries.setString(3, a.id());
            deliveries.executeUpdate();
        }
    }

    private static void addAlert(PreparedStatement s, Alert a, Instant now) throws SQLException {
        s.setString(1, a.id());
        s.setString(2, a.monitor());
        s.setString(3, a.subject());
        s.setString(4, Completion.promptOf(a.subject()));
        s.setString(5, a.window());
        s.setTimestamp(6, Timestamp.from(a.windowStart()));
        s.setTimestamp(7, Timestamp.from(a.windowEnd()));
        s.setDouble(8, a.value());
        s.setDouble(9, a.threshold());
        s.setLong(10, a.samples());
        s.setString(11, a.message().length() > 2000 ? a.message().substring(0, 2000) : a.message());
        s.setTimestamp(12, Timestamp.from(now));
        s.setTimestamp(13, Timestamp.from(now));
        s.setString(14, a.id());
        s.addBatch();
    }

    private static void addMetric(PreparedStatement s, JsonNode m, String json) throws SQLException {
        String subject = m.path("subject").asText();
        Timestamp start = Timestamp.from(Instant.parse(m.path("start").asText()));
        s.setString(1, subject);
        s.setString(2, Completion.promptOf(subject));
        s.setString(3, m.path("window").asText());
        s.setTimestamp(4, start);
        s.setString(5, json);
        s.setString(6, subject);
        s.setString(7, m.path("window").asText());
        s.setTimestamp(8, start);
        s.addBatch();
    }

    /** Back to the first offset of each partition in the batch, so nothing is skipped. */
    private void rewind(ConsumerRecords<String, String> records) {
        for (var partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        if (consumer != null) {
            consumer.wakeup();
            thread.interrupt(); // also ends a back-off sleep
            thread.join(10_000);
        }
    }
}

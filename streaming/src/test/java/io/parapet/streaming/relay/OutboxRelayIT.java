package io.parapet.streaming.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.parapet.core.Json;
import io.parapet.core.events.EventType;
import io.parapet.core.events.Outbox;
import io.parapet.core.test.TestDatabase;
import io.parapet.streaming.KafkaSettings;
import io.parapet.streaming.test.KafkaTestBroker;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The outbox relay against a real PostgreSQL and a real in-JVM Kafka broker: what reaches Kafka, in which order,
 * what an outage does, and several relays at once. Each test uses its own event keys; topics are shared.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxRelayIT implements TestPropertyProvider {
    @Inject
    Outbox outbox;

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(TestDatabase.create());
        props.put("parapet.kafka.bootstrap-servers", KafkaTestBroker.bootstrapServers());
        props.put("parapet.kafka.partitions", "3");
        props.put("parapet.streaming.relay.enabled", "false"); // each test drives its own relays
        props.put("parapet.monitors.enabled", "false"); // this test is about the relay
        props.put("parapet.monitors.store.enabled", "false");
        return props;
    }

    /** One relay publishes until the outbox has nothing left, then stops. */
    private void relayEverything() throws Exception {
        OutboxRelay relay = relay(KafkaTestBroker.bootstrapServers(), Duration.ofSeconds(30));
        try {
            Topics.create(KafkaSettings.of(KafkaTestBroker.bootstrapServers(), 3));
            while (relay.relayOnce() > 0) {
                // drain
            }
        } finally {
            relay.stop();
        }
    }

    private OutboxRelay relay(String bootstrap, Duration sendTimeout) {
        return new OutboxRelay(
                dataSource,
                KafkaSettings.of(bootstrap, 3),
                new RelaySettings(true, 100, Duration.ofMillis(20), sendTimeout, Duration.ofHours(1)),
                clock);
    }

    @Test
    void should_publish_cloudevents_keyed_and_in_order_then_mark_them_published() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(outbox.append(EventType.CHAT_COMPLETION, "gateway", "order/p" + (i % 3), Map.of("seq", i)));
        }
        relayEverything();
        List<ConsumerRecord<String, String>> records =
                KafkaTestBroker.read(EventType.CHAT_COMPLETION.topic(), "order/", 30, Duration.ofSeconds(10));
        assertThat(records).hasSize(30);
        ConsumerRecord<String, String> first = records.stream()
                .filter(r -> r.key().equals("order/p0"))
                .findFirst()
                .orElseThrow();
        JsonNode event = Json.read(first.value());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo("parapet.chat.completion.v1");
        assertThat(event.get("source").asText()).isEqualTo("/parapet/gateway");
        assertThat(event.get("subject").asText()).isEqualTo("order/p0");
        assertThat(event.at("/data/seq").asInt()).isZero();
        assertThat(new String(first.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8))
                .isEqualTo(event.get("id").asText())
                .isIn(ids);
        assertThat(sequencesByKey(records))
                .allSatisfy((key, seqs) -> assertThat(seqs).isSorted().hasSize(10));
        assertThat(pending("order/")).isZero();
    }

    @Test
    void should_publish_a_batch_appended_at_once_in_its_order() throws Exception {
        List<Outbox.Pending> batch = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            batch.add(new Outbox.Pending(EventType.CHAT_COMPLETION, "gateway", "batch/p" + (i % 2), Map.of("seq", i)));
        }
        outbox.appendAll(batch);
        relayEverything();
        List<ConsumerRecord<String, String>> records =
                KafkaTestBroker.read(EventType.CHAT_COMPLETION.topic(), "batch/", 60, Duration.ofSeconds(10));
        assertThat(records).hasSize(60);
        assertThat(sequencesByKey(records))
                .allSatisfy((key, seqs) -> assertThat(seqs).isSorted().hasSize(30));
        assertThat(pending("batch/")).isZero();
    }

    @Test
    void should_keep_every_event_through_a_kafka_outage_and_deliver_it_afterwards() throws Exception {
        for (int i = 0; i < 20; i++) {
            outbox.append(EventType.FEEDBACK, "gateway", "outage/k" + (i % 2), Map.of("seq", i));
        }
        OutboxRelay down = relay("127.0.0.1:1", Duration.ofMillis(1_500));
        try {
            assertThatThrownBy(down::relayOnce).hasMessageContaining("Kafka did not acknowledge");
        } finally {
            down.stop();
        }
        assertThat(pending("outage/")).as("the failed round rolled back").isEqualTo(20);

        OutboxRelay up = relay(KafkaTestBroker.bootstrapServers(), Duration.ofSeconds(30));
        up.start();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pending("outage/") == 0);
        } finally {
            up.stop();
        }
        List<ConsumerRecord<String, String>> records =
                KafkaTestBroker.read(EventType.FEEDBACK.topic(), "outage/", 20, Duration.ofSeconds(10));
        assertThat(records).hasSize(20);
        assertThat(sequencesByKey(records))
                .allSatisfy((key, seqs) -> assertThat(seqs).isSorted().hasSize(10));
    }

    @Test
    void should_share_the_work_between_relays_without_duplicates_or_reordering() throws Exception {
        int writers = 4;
        int perWriter = 250;
        List<OutboxRelay> relays = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            OutboxRelay r = relay(KafkaTestBroker.bootstrapServers(), Duration.ofSeconds(30));
            relays.add(r);
            r.start();
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        // One key per writer: its events must arrive in the order it wrote them.
                        outbox.append(EventType.CHAT_COMPLETION, "gateway", "many/w" + writer, Map.of("seq", i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pending("many/") == 0);
        } finally {
            for (OutboxRelay r : relays) {
                r.stop();
            }
        }
        List<ConsumerRecord<String, String>> records = KafkaTestBroker.read(
                EventType.CHAT_COMPLETION.topic(), "many/", writers * perWriter, Duration.ofSeconds(10));
        assertThat(records).hasSize(writers * perWriter);
        assertThat(records.stream().map(r -> Json.read(r.value()).get("id").asText()))
                .doesNotHaveDuplicates();
        assertThat(sequencesByKey(records))
                .hasSize(writers)
                .allSatisfy((key, seqs) -> assertThat(seqs).isSorted().hasSize(perWriter));
    }

    @Test
    void should_write_nothing_when_the_transaction_rolls_back_and_purge_only_old_published_rows() throws Exception {
        transactions.executeWrite(status -> {
            outbox.append(EventType.PROMPT_CHANGE, "registry", "rollback/p", Map.of("seq", 0));
            status.setRollbackOnly();
            return null;
        });
        assertThat(count("rollback/")).isZero();

        outbox.append(EventType.PROMPT_CHANGE, "registry", "purge/p", Map.of("seq", 0));
        outbox.append(EventType.PROMPT_CHANGE, "registry", "purge/p", Map.of("seq", 1));
        try (Connection c = raw();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE outbox_event SET published_at = now() - interval '2 hours'"
                    + " WHERE event_key = 'purge/p' AND payload LIKE '%\"seq\":0%'");
        }
        OutboxRelay relay = relay(KafkaTestBroker.bootstrapServers(), Duration.ofSeconds(30));
        try {
            assertThat(relay.purge()).isGreaterThanOrEqualTo(1);
        } finally {
            relay.stop();
        }
        assertThat(count("purge/")).isEqualTo(1);
        assertThat(pending("purge/")).as("pending rows are never purged").isEqualTo(1);
    }

    @Test
    void should_set_aside_an_event_kafka_refuses_and_deliver_everything_behind_it_once() throws Exception {
        for (int i = 0; i < 11; i++) {
            // The sixth is larger than Kafka's 1 MiB record limit.
            Object data = i == 5 ? Map.of("seq", i, "blob", "x".repeat(1_200_000)) : Map.of("seq", i);
            outbox.append(EventType.CHAT_COMPLETION, "gateway", "large/p", data);
        }
        OutboxRelay relay = relay(KafkaTestBroker.bootstrapServers(), Duration.ofSeconds(30));
        int rounds = 0;
        try {
            Topics.create(KafkaSettings.of(KafkaTestBroker.bootstrapServers(), 3));
            while (relay.relayOnce() > 0) {
                rounds++;
            }
            assertThat(relay.relayOnce()).as("nothing is sent again").isZero();
        } finally {
            relay.stop();
        }

        List<ConsumerRecord<String, String>> records =
                KafkaTestBroker.read(EventType.CHAT_COMPLETION.topic(), "large/", 11, Duration.ofSeconds(5));
        assertThat(sequencesByKey(records).get("large/p")).containsExactly(0, 1, 2, 3, 4, 6, 7, 8, 9, 10);
        assertThat(pending("large/")).isZero();
        assertThat(rounds).isLessThanOrEqualTo(3);
        assertThat(query("SELECT count(*) FROM outbox_dead_letter WHERE event_key = 'large/p'"
                        + " AND reason LIKE '%RecordTooLargeException%' AND length(payload) > 1200000"))
                .isEqualTo(1);
        List<ConsumerRecord<String, String>> notices =
                KafkaTestBroker.read(EventType.DEAD_LETTER.topic(), "large/", 1, Duration.ofSeconds(10));
        assertThat(notices).hasSize(1);
        JsonNode notice = Json.read(notices.get(0).value());
        assertThat(notice.get("type").asText()).isEqualTo("parapet.dead-letter.v1");
        assertThat(notice.at("/data/topic").asText()).isEqualTo(EventType.CHAT_COMPLETION.topic());
        assertThat(notice.at("/data/reason").asText()).contains("RecordTooLargeException");
        assertThat(notice.at("/data/payloadChars").asInt()).isGreaterThan(1_200_000);
    }

    @Test
    void should_mark_what_kafka_acknowledged_as_published_even_when_a_later_event_failed() throws Exception {
        for (int i = 0; i < 3; i++) {
            outbox.append(EventType.FEEDBACK, "gateway", "partial/k", Map.of("seq", i));
        }
        int shard = Outbox.shard("partial/k");
        // Kafka acknowledges the first and third and times out on the second.
        OutboxTable.Publisher flaky = batch -> batch.stream()
                .map(p -> p.key().equals("partial/k") && p.payload().contains("\"seq\":1")
                        ? (RelayProducer.Sent)
                                new RelayProducer.Sent.Failed(new java.util.concurrent.TimeoutException())
                        : new RelayProducer.Sent.Acked())
                .toList();
        OutboxTable.Round round;
        try (Connection c = raw()) {
            c.setAutoCommit(false);
            try (Statement lockOthers = c.createStatement()) {
                // Only this test's shard is pending for this connection's claim: others are done already.
                lockOthers.executeUpdate("UPDATE outbox_event SET published_at = now()"
                        + " WHERE published_at IS NULL AND shard <> " + shard);
            }
            round = OutboxTable.relayShard(c, 100, clock.instant(), flaky);
            c.commit();
        }

        assertThat(round.failure()).isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(query("SELECT count(*) FROM outbox_event WHERE event_key = 'partial/k' AND published_at IS NULL"
                        + " AND payload LIKE '%\"seq\":1%'"))
                .isEqualTo(1);
        assertThat(pending("partial/")).as("only the failed one is sent again").isEqualTo(1);
    }

    private static Map<String, List<Integer>> sequencesByKey(List<ConsumerRecord<String, String>> records) {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            byKey.computeIfAbsent(r.key(), k -> new ArrayList<>())
                    .add(Json.read(r.value()).at("/data/seq").asInt());
        }
        return byKey;
    }

    private long pending(String keyPrefix) throws Exception {
        return query(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND event_key LIKE '" + keyPrefix + "%'");
    }

    private long count(String keyPrefix) throws Exception {
        return query("SELECT count(*) FROM outbox_event WHERE event_key LIKE '" + keyPrefix + "%'");
    }

    private long query(String sql) throws Exception {
        try (Connection c = raw();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection raw() throws Exception {
        return io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource)
                .getConnection();
    }
}

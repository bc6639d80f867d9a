package io.parapet.streaming.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.parapet.streaming.test.KafkaRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local mode's in-JVM broker: a real broker that keeps its data across restarts. */
class LocalKafkaIT {
    @TempDir
    Path dir;

    @Test
    void should_serve_clients_and_keep_records_across_a_restart() throws Exception {
        int port = LocalKafka.freePortPair();
        try (LocalKafka kafka = LocalKafka.start(dir, port)) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                    new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("local.test", "k", "kept")).get();
            }
        }
        try (LocalKafka again = LocalKafka.start(dir, port)) {
            assertThat(KafkaRecords.read(again.bootstrapServers(), "local.test", "k", 1, Duration.ofSeconds(30)))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("kept");
        }
    }
}

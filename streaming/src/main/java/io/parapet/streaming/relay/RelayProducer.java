package io.parapet.streaming.relay;

import io.parapet.streaming.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The relay's Kafka producer: idempotent (no duplicates from its own retries, order kept per partition), all
 * replicas acknowledge, and the event id travels in a {@code ce_id} header so consumers can deduplicate what an
 * at-least-once redelivery repeats. After a failure the producer is rebuilt: a failed idempotent producer may be
 * unusable. A record Kafka refuses for good (too large for the broker) is reported as such, so the relay can set it
 * aside instead of retrying its whole shard for ever.
 */
final class RelayProducer implements AutoCloseable {
    private final KafkaSettings kafka;
    private final Duration sendTimeout;
    private KafkaProducer<String, String> producer;

    RelayProducer(KafkaSettings kafka, Duration sendTimeout) {
        this.kafka = kafka;
        this.sendTimeout = sendTimeout;
    }

    /**
     * Sends a batch and waits for each record's answer, in batch order. Throws only when nothing could be sent (the
     * cluster is unreachable); one record's failure does not hide the others' acknowledgements.
     */
    synchronized List<Sent> publish(List<OutboxTable.Pending> batch) throws InterruptedException {
        KafkaProducer<String, String> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        try {
            // Fails once, after max.block.ms, when the cluster is unreachable, instead of once per event.
            batch.stream().map(OutboxTable.Pending::topic).distinct().forEach(p::partitionsFor);
            for (OutboxTable.Pending e : batch) {
                ProducerRecord<String, String> record = new ProducerRecord<>(e.topic(), e.key(), e.payload());
                record.headers().add("ce_id", e.eventId().getBytes(StandardCharsets.UTF_8));
                record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                acks.add(p.send(record));
            }
            p.flush();
        } catch (RuntimeException e) {
            reset();
            throw new IllegalStateException("Kafka did not acknowledge the batch: " + e, e);
        }
        List<Sent> sent = answers(acks);
        if (sent.stream().anyMatch(s -> s instanceof Sent.Failed)) {
            reset();
        }
        return sent;
    }

    private List<Sent> answers(List<Future<RecordMetadata>> acks) throws InterruptedException {
        List<Sent> sent = new ArrayList<>(acks.size());
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(new Sent.Acked());
            } catch (ExecutionException e) {
                sent.add(
                        refusedForGood(e.getCause())
                                ? new Sent.Refused(e.getCause().toString())
                                : new Sent.Failed(e.getCause()));
            } catch (TimeoutException e) {
                sent.add(new Sent.Failed(e));
            }
        }
        return sent;
    }

    /** Errors that sending the same record again cannot fix; anything else (an outage) is retried. */
    static boolean refusedForGood(Throwable cause) {
        return cause instanceof RecordTooLargeException
                || cause instanceof RecordBatchTooLargeException
                || cause instanceof InvalidRecordException
                || cause instanceof InvalidTopicException;
    }

    /** Kafka's answer for one record. */
    sealed interface Sent {
        record Acked() implements Sent {}

        /** Refused for a reason retrying cannot fix: the record goes to the dead-letter table. */
        record Refused(String reason) implements Sent {}

        /** Not acknowledged, for now: the record stays pending. */
        record Failed(Throwable cause) implements Sent {}
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> props = kafka.clientProperties();
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout.toMillis());
            int timeout = (int) Math.min(Integer.MAX_VALUE, sendTimeout.toMillis());
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 30_000));
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(timeout, Math.min(timeout, 30_000) + 5));
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "parapet-outbox-relay");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private void reset() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}

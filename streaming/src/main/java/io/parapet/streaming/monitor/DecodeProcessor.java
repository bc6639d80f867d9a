package io.parapet.streaming.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parapet.core.Json;
import java.util.Base64;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes each completion event and stamps it with its own event time (the CloudEvent {@code time}), so windows
 * hold what happened in them, not what the relay delivered then. A record that cannot be read, or is not keyed by
 * its prompt, becomes a dead letter: the reason, where it came from, and its original bytes.
 */
final class DecodeProcessor extends ContextualProcessor<String, byte[], String, DecodeProcessor.Out> {
    /** Either a completion or a dead letter (JSON); exactly one is set. */
    record Out(Completion completion, String deadLetter) {}

    @Override
    public void process(Record<String, byte[]> record) {
        CompletionDecoder.Decoded decoded = CompletionDecoder.decode(record.value());
        if (decoded instanceof CompletionDecoder.Ok ok) {
            Completion c = ok.completion();
            String expected = WindowMonitor.settingsKey(c.subject());
            if (!expected.equals(record.key())) {
                // The windows of a prompt live with the partition its key picks; a record keyed otherwise would
                // start a second, partial set of them on another partition.
                context()
                        .forward(record.withValue(new Out(
                                null,
                                deadLetter(
                                        record,
                                        "the record's key is '"
                                                + record.key() + "', not its prompt '" + expected
                                                + "' (events are keyed by prompt name,"
                                                + " or model:<name>)"))));
                return;
            }
            context()
                    .forward(record.withValue(new Out(c, null))
                            .withTimestamp(c.time().toEpochMilli()));
            return;
        }
        String reason = ((CompletionDecoder.Rejected) decoded).reason();
        context().forward(record.withValue(new Out(null, deadLetter(record, reason))));
    }

    private String deadLetter(Record<String, byte[]> record, String reason) {
        ObjectNode letter = Json.mapper().createObjectNode().put("reason", reason);
        context().recordMetadata().ifPresent((RecordMetadata m) -> letter.put("topic", m.topic())
                .put("partition", m.partition())
                .put("offset", m.offset()));
        letter.put("key", record.key())
                .put("timestamp", record.timestamp())
                .put(
                        "original",
                        record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
        return Json.write(letter);
    }
}

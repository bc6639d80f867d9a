package io.parapet.streaming.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.parapet.core.events.ChatCompletionEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.DoubleHistogram;
import org.junit.jupiter.api.Test;

/** A window's figures survive the store round trip, and a window stored by the previous version still reads. */
class WindowStatsFormatTest {
    private static Completion completion(Double inputToxicity, Double outputToxicity, String finish) {
        return new Completion(
                "e",
                "p#1",
                "p",
                1,
                Instant.EPOCH,
                finish,
                42,
                10,
                20,
                List.of(new ChatCompletionEvent.Verdict(
                        "input", "toxicity", "block", 0.9, finish.equals("input_blocked"))),
                outputToxicity,
                inputToxicity,
                "latin",
                "",
                "",
                null,
                null);
    }

    @Test
    void inputFiguresRoundTrip() throws Exception {
        WindowStats stats = new WindowStats()
                .add(completion(0.9, null, "input_blocked"), 0.5)
                .add(completion(0.2, 0.1, "stop"), 0.5)
                .add(completion(null, 0.7, "stop"), 0.5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        stats.writeTo(new DataOutputStream(bytes));
        WindowStats read = WindowStats.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(read.count()).isEqualTo(3);
        assertThat(read.inputScored()).isEqualTo(2);
        assertThat(read.inputToxic()).isEqualTo(1);
        assertThat(read.toxicScored()).isEqualTo(2);
        assertThat(read.toxic()).isEqualTo(1);
        assertThat(read.blocked()).isEqualTo(1);
        assertThat(read.triggered()).containsEntry("input/toxicity", 1L);
        assertThat(read.latencyQuantile(0.5)).isBetween(41.0, 43.0);
    }

    @Test
    void aWindowStoredBeforeTheInputFiguresStillReads() throws Exception {
        // The previous layout: seven counters, the triggered scanners, the latency histogram.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (long v : new long[] {5, 4, 1, 0, 2, 50, 90}) {
            out.writeLong(v);
        }
        out.writeShort(1);
        out.writeUTF("input/pii");
        out.writeLong(2);
        DoubleHistogram latency = new DoubleHistogram(2);
        latency.recordValue(120);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
        int length = latency.encodeIntoByteBuffer(buffer);
        out.writeInt(length);
        out.write(buffer.array(), 0, length);

        WindowStats read = WindowStats.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(read.count()).isEqualTo(5);
        assertThat(read.toxicScored()).isEqualTo(4);
        assertThat(read.blocked()).isEqualTo(2);
        assertThat(read.outputTokens()).isEqualTo(90);
        assertThat(read.inputScored()).isZero();
        assertThat(read.triggered()).containsEntry("input/pii", 2L);
    }
}

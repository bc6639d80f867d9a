package io.parapet.streaming.monitor;

import io.parapet.core.events.ChatCompletionEvent;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.DoubleHistogram;

/**
 * What one subject (prompt version) did in one window: counts, toxic outputs, blocks and flags per scanner,
 * failures, tokens, and a histogram of the latency. Bounded in size whatever the traffic: the counters are a few
 * numbers per scanner, and the histogram keeps 2 significant digits (1% relative error) over any range. Not 3: the
 * state is serialized on every update, and the tenfold larger histogram cost a fifth of the throughput.
 */
public final class WindowStats {
    private static final int DIGITS = 2;

    /**
     * Written first by this version. The first field of the version before it was the count, which is never negative,
     * so a window stored before an upgrade still reads (without the input figures it did not have).
     */
    private static final long FORMAT_2 = -2;

    private long count;
    private long toxicScored;
    private long toxic;
    private long inputScored;
    private long inputToxic;
    private long failed;
    private long blocked;
    private long inputTokens;
    private long outputTokens;
    private final Map<String, Long> triggered = new TreeMap<>();
    private DoubleHistogram latency = new DoubleHistogram(DIGITS);

    /** Adds one completion; {@code toxicAbove} is the score from which an input or answer counts as toxic. */
    public WindowStats add(Completion c, double toxicAbove) {
        count++;
        if (c.inputToxicity() != null) {
            inputScored++;
            if (c.inputToxicity() >= toxicAbove) {
                inputToxic++;
            }
        }
        if (c.outputToxicity() != null) {
            toxicScored++;
            if (c.outputToxicity() >= toxicAbove) {
                toxic++;
            }
        }
        if (c.failed()) {
            failed++;
        }
        if (c.blocked()) {
            blocked++;
        }
        inputTokens += c.inputTokens();
        outputTokens += c.outputTokens();
        for (ChatCompletionEvent.Verdict v : c.verdicts()) {
            if (v.triggered()) {
                triggered.merge(v.direction() + "/" + v.scanner(), 1L, Long::sum);
            }
        }
        latency.recordValue(Math.max(0, c.totalMs()));
        return this;
    }

    public long count() {
        return count;
    }

    public long toxicScored() {
        return toxicScored;
    }

    public long toxic() {
        return toxic;
    }

    /** Inputs with a toxicity score, blocked or not. */
    public long inputScored() {
        return inputScored;
    }

    public long inputToxic() {
        return inputToxic;
    }

    public long failed() {
        return failed;
    }

    public long blocked() {
        return blocked;
    }

    public long inputTokens() {
        return inputTokens;
    }

    public long outputTokens() {
        return outputTokens;
    }

    /** Triggered verdicts per {@code direction/scanner}. */
    public Map<String, Long> triggered() {
        return triggered;
    }

    public double latencyQuantile(double rank) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(rank * 100);
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeLong(FORMAT_2);
        for (long v : new long[] {
            count, toxicScored, toxic, inputScored, inputToxic, failed, blocked, inputTokens, outputTokens
        }) {
            out.writeLong(v);
        }
        out.writeShort(triggered.size());
        for (Map.Entry<String, Long> e : triggered.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
        byte[] histogram = histogramBytes();
        out.writeInt(histogram.length);
        out.write(histogram);
    }

    static WindowStats readFrom(DataInputStream in) throws IOException {
        WindowStats s = new WindowStats();
        long first = in.readLong();
        boolean format2 = first == FORMAT_2;
        s.count = format2 ? in.readLong() : first;
        s.toxicScored = in.readLong();
        s.toxic = in.readLong();
        if (format2) {
            s.inputScored = in.readLong();
            s.inputToxic = in.readLong();
        }
        s.failed = in.readLong();
        s.blocked = in.readLong();
        s.inputTokens = in.readLong();
        s.outputTokens = in.readLong();
        int scanners = in.readUnsignedShort();
        for (int i = 0; i < scanners; i++) {
            s.triggered.put(in.readUTF(), in.readLong());
        }
        byte[] histogram = new byte[in.readInt()];
        in.readFully(histogram);
        s.latency = DoubleHistogram.decodeFromByteBuffer(ByteBuffer.wrap(histogram), 2);
        return s;
    }

    private byte[] histogramBytes() {
        // Uncompressed: the store cache serializes the aggregate on every update; deflate would run each time.
        ByteBuffer buffer = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
        int length = latency.encodeIntoByteBuffer(buffer);
        return java.util.Arrays.copyOf(buffer.array(), length);
    }
}

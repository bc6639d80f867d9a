package io.parapet.streaming.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parapet.core.Json;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.DoubleHistogram;

/**
 * What one subject (prompt version) did in one window: counts, toxic outputs, blocks and flags per scanner,
 * failures, tokens, and a histogram of the latency. Bounded in size whatever the traffic: the counters are a few
 * numbers per scanner, and the histogram keeps 3 significant digits over any range (a few KB compressed).
 */
public final class WindowStats {
    private static final int DIGITS = 3;

    private long count;
    private long toxicScored;
    private long toxic;
    private long failed;
    private long blocked;
    private long inputTokens;
    private long outputTokens;
    private final Map<String, Long> triggered = new TreeMap<>();
    private DoubleHistogram latency = new DoubleHistogram(DIGITS);

    /** Adds one completion; {@code toxicAbove} is the output score from which an answer counts as toxic. */
    public WindowStats add(Completion c, double toxicAbove) {
        count++;
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
        for (Completion.Verdict v : c.verdicts()) {
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

    public byte[] toBytes() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("count", count)
                .put("toxicScored", toxicScored)
                .put("toxic", toxic)
                .put("failed", failed)
                .put("blocked", blocked)
                .put("inputTokens", inputTokens)
                .put("outputTokens", outputTokens)
                .put("latency", Base64.getEncoder().encodeToString(histogramBytes()));
        ObjectNode t = node.putObject("triggered");
        triggered.forEach(t::put);
        return Json.write(node).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static WindowStats fromBytes(byte[] bytes) {
        JsonNode node = Json.read(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        WindowStats s = new WindowStats();
        s.count = node.path("count").asLong();
        s.toxicScored = node.path("toxicScored").asLong();
        s.toxic = node.path("toxic").asLong();
        s.failed = node.path("failed").asLong();
        s.blocked = node.path("blocked").asLong();
        s.inputTokens = node.path("inputTokens").asLong();
        s.outputTokens = node.path("outputTokens").asLong();
        node.path("triggered")
                .properties()
                .forEach(e -> s.triggered.put(e.getKey(), e.getValue().asLong()));
        ByteBuffer buffer =
                ByteBuffer.wrap(Base64.getDecoder().decode(node.path("latency").asText()));
        s.latency = DoubleHistogram.decodeFromByteBuffer(buffer, 2);
        return s;
    }

    private byte[] histogramBytes() {
        // Uncompressed: the store cache serializes the aggregate on every update; deflate would run each time.
        ByteBuffer buffer = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
        int length = latency.encodeIntoByteBuffer(buffer);
        return java.util.Arrays.copyOf(buffer.array(), length);
    }
}

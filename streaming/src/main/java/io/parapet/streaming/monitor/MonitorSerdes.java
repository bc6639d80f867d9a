package io.parapet.streaming.monitor;

import io.parapet.streaming.monitor.drift.DriftProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes of the monitors' internal records (repartitioned completions, window state). Binary, because every
 * completion crosses the repartition topic and every update rewrites its window's state: JSON cost a third of the
 * throughput. They are internal: a format change needs a new application id, not a schema version.
 */
final class MonitorSerdes {
    private static final int FORMAT = 1;

    private MonitorSerdes() {}

    static Serde<WindowState> windowState() {
        return of(WindowState::toBytes, WindowState::fromBytes);
    }

    static Serde<DriftProfile> driftProfile() {
        return of(DriftProfile::toBytes, DriftProfile::fromBytes);
    }

    /** Only written: the JSON goes to the topic the record names. */
    static Serde<Emitted> emitted() {
        return of(e -> e.json().getBytes(StandardCharsets.UTF_8), bytes -> {
            throw new UnsupportedOperationException("the monitors never read their own output");
        });
    }

    static Serde<Completion> completion() {
        return of(MonitorSerdes::write, MonitorSerdes::read);
    }

    private static <T> Serde<T> of(Function<T, byte[]> write, Function<byte[], T> read) {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : write.apply(value),
                (topic, bytes) -> bytes == null ? null : read.apply(bytes));
    }

    static byte[] write(Completion c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(c.id());
            out.writeUTF(c.subject());
            writeNullable(out, c.prompt());
            out.writeInt(c.promptVersion() == null ? -1 : c.promptVersion());
            out.writeLong(c.time().toEpochMilli());
            out.writeUTF(c.finishReason());
            out.writeDouble(c.totalMs());
            out.writeInt(c.inputTokens());
            out.writeInt(c.outputTokens());
            out.writeShort(c.verdicts().size());
            for (Completion.Verdict v : c.verdicts()) {
                out.writeUTF(v.direction());
                out.writeUTF(v.scanner());
                out.writeUTF(v.action());
                out.writeDouble(v.score());
                out.writeBoolean(v.triggered());
            }
            out.writeDouble(c.outputToxicity() == null ? Double.NaN : c.outputToxicity());
            out.writeUTF(c.inputScript());
            out.writeUTF(c.input());
            out.writeUTF(c.output());
            writeNullable(out, c.responseFormat());
            float[] e = c.embedding();
            out.writeShort(e == null ? 0 : e.length);
            if (e != null) {
                for (float x : e) {
                    out.writeFloat(x);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Completion read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown internal completion format " + format);
            }
            String id = in.readUTF();
            String subject = in.readUTF();
            String prompt = readNullable(in);
            int version = in.readInt();
            Instant time = Instant.ofEpochMilli(in.readLong());
            String finish = in.readUTF();
            double totalMs = in.readDouble();
            int inputTokens = in.readInt();
            int outputTokens = in.readInt();
            int verdictCount = in.readUnsignedShort();
            List<Completion.Verdict> verdicts = new ArrayList<>(verdictCount);
            for (int i = 0; i < verdictCount; i++) {
                verdicts.add(new Completion.Verdict(
                        in.readUTF(), in.readUTF(), in.readUTF(), in.readDouble(), in.readBoolean()));
            }
            double toxicity = in.readDouble();
            String script = in.readUTF();
            String input = in.readUTF();
            String output = in.readUTF();
            String responseFormat = readNullable(in);
            int dimensions = in.readUnsignedShort();
            float[] embedding = null;
            if (dimensions > 0) {
                embedding = new float[dimensions];
                for (int i = 0; i < dimensions; i++) {
                    embedding[i] = in.readFloat();
                }
            }
            return new Completion(
                    id,
                    subject,
                    prompt,
                    version < 0 ? null : version,
                    time,
                    finish,
                    totalMs,
                    inputTokens,
                    outputTokens,
                    List.copyOf(verdicts),
                    Double.isNaN(toxicity) ? null : toxicity,
                    script,
                    input,
                    output,
                    responseFormat,
                    embedding);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable internal completion record", e);
        }
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}

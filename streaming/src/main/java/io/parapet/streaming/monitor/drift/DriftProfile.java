package io.parapet.streaming.monitor.drift;

import io.micronaut.core.annotation.Nullable;
import io.parapet.streaming.monitor.Completion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The distribution of one subject's traffic over a window (or its reference): fine-bin counts of each numeric
 * feature, category counts of each categorical feature, and the sums behind the semantic drift test (embedding
 * centroid and kernel features). Its size does not grow with traffic: at most 4 × 128 counts, a few categories,
 * and 384 + 128 + 1 sums once inputs are embedded.
 */
public final class DriftProfile {
    private long count;
    private long firstEventAt = Long.MAX_VALUE;
    private final long[][] numeric = new long[NumericFeature.values().length][NumericFeature.BINS];
    private final Map<String, Long>[] categorical = newCategories();
    private long embedded;
    private double[] centroid;
    private double[] kernel;
    private double kernelSquares;

    /** Adds one completion; {@code features} are its input's kernel features, when the input was embedded. */
    public DriftProfile add(Completion c, @Nullable double[] features) {
        count++;
        firstEventAt = Math.min(firstEventAt, c.time().toEpochMilli());
        for (NumericFeature f : NumericFeature.values()) {
            Double v = f.of(c);
            if (v != null) {
                numeric[f.ordinal()][f.bin(v)]++;
            }
        }
        for (CategoricalFeature f : CategoricalFeature.values()) {
            categorical[f.ordinal()].merge(f.of(c), 1L, Long::sum);
        }
        if (c.embedding() != null && features != null) {
            if (centroid == null) {
                centroid = new double[c.embedding().length];
                kernel = new double[features.length];
            }
            embedded++;
            for (int i = 0; i < centroid.length; i++) {
                centroid[i] += c.embedding()[i];
            }
            for (int i = 0; i < kernel.length; i++) {
                kernel[i] += features[i];
                kernelSquares += features[i] * features[i];
            }
        }
        return this;
    }

    public long count() {
        return count;
    }

    /** Event time (epoch ms) of the earliest completion in the profile. */
    public long firstEventAt() {
        return firstEventAt;
    }

    long[] bins(NumericFeature f) {
        return numeric[f.ordinal()];
    }

    Map<String, Long> categories(CategoricalFeature f) {
        return categorical[f.ordinal()];
    }

    long embedded() {
        return embedded;
    }

    /** Sum of the input embeddings (null before the first). */
    @Nullable
    double[] centroidSum() {
        return centroid;
    }

    @Nullable
    double[] kernelSum() {
        return kernel;
    }

    double kernelSquares() {
        return kernelSquares;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(count);
            out.writeLong(firstEventAt);
            for (long[] bins : numeric) {
                // Sparse: most of a feature's 128 bins are empty.
                int used = 0;
                for (long b : bins) {
                    used += b == 0 ? 0 : 1;
                }
                out.writeByte(used);
                for (int i = 0; i < bins.length; i++) {
                    if (bins[i] != 0) {
                        out.writeByte(i);
                        out.writeLong(bins[i]);
                    }
                }
            }
            for (Map<String, Long> counts : categorical) {
                out.writeShort(counts.size());
                for (Map.Entry<String, Long> e : counts.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeLong(e.getValue());
                }
            }
            out.writeLong(embedded);
            if (embedded > 0) {
                writeDoubles(out, centroid);
                writeDoubles(out, kernel);
                out.writeDouble(kernelSquares);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static DriftProfile fromBytes(byte[] bytes) {
        DriftProfile p = new DriftProfile();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            p.count = in.readLong();
            p.firstEventAt = in.readLong();
            for (long[] bins : p.numeric) {
                int used = in.readUnsignedByte();
                for (int i = 0; i < used; i++) {
                    bins[in.readUnsignedByte()] = in.readLong();
                }
            }
            for (Map<String, Long> counts : p.categorical) {
                int size = in.readUnsignedShort();
                for (int i = 0; i < size; i++) {
                    counts.put(in.readUTF(), in.readLong());
                }
            }
            p.embedded = in.readLong();
            if (p.embedded > 0) {
                p.centroid = readDoubles(in);
                p.kernel = readDoubles(in);
                p.kernelSquares = in.readDouble();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable drift profile", e);
        }
        return p;
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeShort(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        double[] values = new double[in.readUnsignedShort()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long>[] newCategories() {
        Map<String, Long>[] maps = new Map[CategoricalFeature.values().length];
        for (int i = 0; i < maps.length; i++) {
            maps[i] = new TreeMap<>();
        }
        return maps;
    }
}

package io.parapet.streaming.monitor;

import io.micronaut.core.annotation.Nullable;
import io.parapet.streaming.monitor.drift.DriftProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** What one window of one subject has gathered so far: its figures and, when drift is on, its drift profile. */
final class WindowState {
    private final WindowStats stats;
    private final DriftProfile drift;

    WindowState(boolean withDrift) {
        this(new WindowStats(), withDrift ? new DriftProfile() : null);
    }

    private WindowState(WindowStats stats, @Nullable DriftProfile drift) {
        this.stats = stats;
        this.drift = drift;
    }

    WindowState add(Completion c, double toxicAbove, @Nullable double[] kernelFeatures) {
        stats.add(c, toxicAbove);
        if (drift != null) {
            drift.add(c, kernelFeatures);
        }
        return this;
    }

    WindowStats stats() {
        return stats;
    }

    @Nullable
    DriftProfile drift() {
        return drift;
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            stats.writeTo(out);
            byte[] profile = drift == null ? new byte[0] : drift.toBytes();
            out.writeInt(profile.length);
            out.write(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static WindowState fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            WindowStats stats = WindowStats.readFrom(in);
            byte[] profile = new byte[in.readInt()];
            in.readFully(profile);
            return new WindowState(stats, profile.length == 0 ? null : DriftProfile.fromBytes(profile));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable window state", e);
        }
    }
}

package io.parapet.streaming.monitor;

import io.parapet.core.events.ChatCompletionEvent;
import java.time.Instant;
import java.util.List;

/** The stored size of one window's state, for the benchmark: what a prompt version costs per open window. */
public final class StateSize {
    private StateSize() {}

    /** Bytes of one window's state after {@code events} completions, with or without embedded inputs. */
    public static int ofWindow(int events, int dimensions, boolean drift) {
        WindowState state = new WindowState(drift);
        double[] kernelFeatures = dimensions == 0 ? null : new double[128];
        for (int i = 0; i < events; i++) {
            float[] embedding = dimensions == 0 ? null : new float[dimensions];
            Completion c = new Completion(
                    "e" + i,
                    "bench/p#1",
                    "bench/p",
                    1,
                    Instant.EPOCH,
                    i % 50 == 0 ? "input_blocked" : "stop",
                    80 + i % 400,
                    20 + i % 300,
                    100 + i % 200,
                    List.of(new ChatCompletionEvent.Verdict("input", "prompt-injection", "block", 0.01, i % 50 == 0)),
                    (i % 97) / 100.0,
                    null,
                    i % 10 == 0 ? "han" : "latin",
                    "",
                    "",
                    null,
                    embedding);
            state.add(c, 0.5, kernelFeatures);
        }
        return MonitorSerdes.windowState().serializer().serialize("", state).length;
    }
}

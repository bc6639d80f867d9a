package io.parapet.server.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-model load generator: requests are sent at fixed intended times, and each latency is measured from its
 * intended time, not from when it was actually sent, so a stalled server cannot hide its stall (coordinated
 * omission). Bounded in count and duration; loopback only.
 */
final class ConstantRateLoad {
    record Result(Histogram latency, long sent, long errors, double seconds) {
        double rate() {
            return sent / seconds;
        }
    }

    private ConstantRateLoad() {}

    static Result run(HttpClient client, LongFunction<HttpRequest> request, int perSecond, Duration duration)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long total = perSecond * duration.toSeconds();
        long start = System.nanoTime();
        CompletableFuture<?>[] inFlight = new CompletableFuture<?>[(int) total];
        for (long i = 0; i < total; i++) {
            long intended = start + i * intervalNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            inFlight[(int) i] = client.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        recorder.recordValue(Math.max(1, (System.nanoTime() - intended) / 1_000));
                        if (failure != null || response.statusCode() >= 300) {
                            errors.incrementAndGet();
                        }
                    });
        }
        CompletableFuture.allOf(inFlight).exceptionally(e -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(recorder.getIntervalHistogram(), total, errors.get(), seconds);
    }
}

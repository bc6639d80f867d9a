package io.parapet.server.bench;

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
    /** Latencies in microseconds. */
    record Result(Histogram latency, long sent, long errors, double seconds) {
        double rate() {
            return sent / seconds;
        }

        String summary() {
            return String.format(
                    "p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                    latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0,
                    latency.getMaxValue() / 1000.0);
        }
    }

    private ConstantRateLoad() {}

    /** The HTTP status an exchange completes with; 599 when it failed without one. */
    static CompletableFuture<Integer> status(
            org.reactivestreams.Publisher<? extends io.micronaut.http.HttpResponse<?>> exchange) {
        return reactor.core.publisher.Mono.from(exchange)
                .map(r -> r.getStatus().getCode())
                .onErrorResume(e -> reactor.core.publisher.Mono.just(599))
                .toFuture();
    }

    /** Calls {@code send} (which completes with an HTTP status) {@code perSecond} times a second. */
    static Result run(LongFunction<CompletableFuture<Integer>> send, int perSecond, Duration duration)
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
            inFlight[(int) i] = send.apply(i).whenComplete((status, failure) -> {
                recorder.recordValue(Math.max(1, (System.nanoTime() - intended) / 1_000));
                if (failure != null || status >= 300) {
                    errors.incrementAndGet();
                }
            });
        }
        CompletableFuture.allOf(inFlight).exceptionally(e -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(recorder.getIntervalHistogram(), total, errors.get(), seconds);
    }
}

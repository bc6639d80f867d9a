package io.parapet.gateway;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RetriableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.parapet.registry.ModelVersion;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The resilience rules around one upstream call: a circuit breaker per model version (resilience4j), retries with
 * jittered exponential backoff on upstream faults (429, 5xx, timeouts, connection errors) but never once a token
 * was streamed, and the first-token and total timeouts of a stream. What stays failed becomes {@link
 * Upstream.UpstreamFailed}, which the fallback chain acts on.
 */
@Singleton
public class UpstreamGuard {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamGuard.class);

    private final GatewaySettings settings;
    private final CircuitBreakerRegistry breakers;

    UpstreamGuard(GatewaySettings settings) {
        this.settings = settings;
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.breakerFailureRate())
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(settings.breakerWindow())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordException(UpstreamGuard::upstreamFault)
                .build());
    }

    /** The breaker's state for a model version, as {@code /health} reports it. */
    CircuitBreaker.State state(ModelVersion model) {
        return breaker(model).getState();
    }

    /**
     * Runs {@code call} (one attempt per subscription) under the rules. {@code started} turns true at the first
     * item: from then on a failure is final, since the caller already has part of the answer.
     */
    <T> Flux<T> guard(ModelVersion model, Flux<T> call, boolean stream) {
        return Flux.defer(() -> {
            AtomicBoolean started = new AtomicBoolean();
            long deadline = System.nanoTime() + settings.totalTimeout().toNanos();
            Flux<T> attempt = Flux.defer(() -> attempt(model, stream ? timed(call, deadline) : whole(call)))
                    .doOnNext(item -> started.set(true));
            return attempt.retryWhen(Retry.backoff(settings.retries(), settings.retryBackoff())
                            .maxBackoff(settings.retryMaxBackoff())
                            .jitter(0.5)
                            .filter(e -> !started.get() && retriable(e))
                            .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                    .onErrorMap(e -> !(e instanceof Upstream.UpstreamFailed), e -> {
                        // The caller gets a sanitized reason; the operator gets the upstream's words.
                        LOG.warn("model {} failed: {}", model.name(), String.valueOf(e));
                        return new Upstream.UpstreamFailed(model.name(), e);
                    });
        });
    }

    private <T> Flux<T> attempt(ModelVersion model, Flux<T> call) {
        CircuitBreaker breaker = breaker(model);
        if (!breaker.tryAcquirePermission()) {
            return Flux.error(new Upstream.UpstreamFailed(
                    model.name(),
                    "its circuit breaker is open after repeated failures; retrying in at most "
                            + settings.breakerOpenFor().toSeconds() + " s"));
        }
        long start = breaker.getCurrentTimestamp();
        AtomicBoolean settled = new AtomicBoolean();
        return call.doOnComplete(() -> {
                    if (settled.compareAndSet(false, true)) {
                        breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
                    }
                })
                .doOnError(e -> {
                    if (settled.compareAndSet(false, true)) {
                        breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
                    }
                })
                .doOnCancel(() -> {
                    if (settled.compareAndSet(false, true)) {
                        breaker.releasePermission(); // the caller left: says nothing about the upstream
                    }
                });
    }

    /**
     * A whole answer within {@code totalTimeout}, per attempt. The call runs on its own virtual thread, so the
     * caller is released on time even though the abandoned call finishes (or hits the client's read timeout) later.
     */
    private <T> Flux<T> whole(Flux<T> call) {
        return call.subscribeOn(CALLS).timeout(settings.totalTimeout());
    }

    private static final reactor.core.scheduler.Scheduler CALLS = reactor.core.scheduler.Schedulers.fromExecutor(
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());

    /** First token within {@code firstTokenTimeout}; every later one before the request's deadline. */
    private <T> Flux<T> timed(Flux<T> call, long deadlineNanos) {
        return call.timeout(
                Mono.delay(settings.firstTokenTimeout()),
                item -> Mono.delay(java.time.Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()))));
    }

    private CircuitBreaker breaker(ModelVersion model) {
        return breakers.circuitBreaker(model.name() + "#" + model.version());
    }

    /** Worth another attempt: the upstream was busy, broken or slow, not the request wrong. */
    static boolean retriable(Throwable e) {
        return upstreamFault(e);
    }

    private static boolean upstreamFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof TimeoutException || t instanceof IOException) {
                return true;
            }
            if (t instanceof HttpException http && (http.statusCode() == 429 || http.statusCode() >= 500)) {
                return true;
            }
        }
        return false;
    }
}

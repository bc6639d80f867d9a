package io.parapet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutageBackoffTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final OutageBackoff backoff = new OutageBackoff(SECOND, clock::get);

    @Test
    void should_let_every_caller_try_while_the_dependency_is_up() {
        for (int i = 0; i < 10; i++) {
            assertThat(backoff.mayTry()).isTrue();
        }
        assertThat(backoff.isDown()).isFalse();
    }

    @Test
    void should_hold_callers_back_for_an_interval_after_a_failure_then_let_one_through() {
        backoff.failed();
        clock.addAndGet(SECOND.toNanos() - 1);
        assertThat(backoff.mayTry()).as("within the interval").isFalse();
        clock.addAndGet(1);
        assertThat(backoff.mayTry()).as("the interval is over").isTrue();
        assertThat(backoff.mayTry())
                .as("the next caller waits for the next interval")
                .isFalse();
        clock.addAndGet(SECOND.toNanos());
        assertThat(backoff.mayTry()).isTrue();
    }

    @Test
    void should_let_every_caller_through_again_once_a_call_succeeds() {
        backoff.failed();
        assertThat(backoff.isDown()).isTrue();
        backoff.succeeded();
        assertThat(backoff.isDown()).isFalse();
        assertThat(backoff.mayTry()).isTrue();
        assertThat(backoff.mayTry()).isTrue();
    }

    @Test
    void should_let_exactly_one_of_many_concurrent_callers_try_when_a_try_is_due() throws Exception {
        backoff.failed();
        clock.addAndGet(SECOND.toNanos());
        AtomicInteger tries = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                pool.submit(() -> {
                    start.await();
                    for (int j = 0; j < 1_000; j++) {
                        if (backoff.mayTry()) {
                            tries.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            start.countDown();
        }
        assertThat(tries.get())
                .as("one try per interval, however many ask at once")
                .isEqualTo(1);
    }
}

package io.parapet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A request's outcome is fixed once: the first ending counts, and only one closer may record it. */
class CompletionTraceTest {

    private static CompletionTrace traced() {
        CompletionTrace trace = new CompletionTrace("app", "1", true);
        trace.model(CompletionEventContractTest.model("gpt-4o-mini", 1), null);
        return trace;
    }

    @Test
    void a_trace_closed_twice_gives_its_outcome_only_to_the_first_closer() {
        CompletionTrace trace = traced();
        CompletionOutcome first = trace.close(1000);
        assertThat(first).isNotNull();
        assertThat(trace.close(1000)).isNull();
        assertThat(trace.closed()).isSameAs(first);
    }

    @Test
    void two_threads_closing_at_once_record_the_request_once() throws Exception {
        for (int round = 0; round < 200; round++) {
            CompletionTrace trace = traced();
            CountDownLatch start = new CountDownLatch(1);
            var a = CompletableFuture.supplyAsync(() -> awaitThenClose(start, trace));
            var b = CompletableFuture.supplyAsync(() -> awaitThenClose(start, trace));
            start.countDown();
            int recorded = (a.get() == null ? 0 : 1) + (b.get() == null ? 0 : 1);
            assertThat(recorded).isEqualTo(1);
        }
    }

    private static CompletionOutcome awaitThenClose(CountDownLatch start, CompletionTrace trace) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return trace.close(1000);
    }

    @Test
    void a_block_without_a_refusal_message_is_a_failure_the_caller_is_told() {
        CompletionTrace trace = traced();
        trace.blocked(new ChatError.Blocked("output", null, "toxicity", null), "score 0.97");
        CompletionOutcome outcome = trace.close(1000);
        assertThat(outcome.ending()).isEqualTo(CompletionTrace.Ending.CONTENT_FILTER);
        assertThat(outcome.blockedBy()).isEqualTo("toxicity");
        assertThat(outcome.failure()).isInstanceOf(ChatError.Blocked.class);
        assertThat(outcome.failure().status()).isEqualTo(400);
        assertThat(outcome.refusal()).isNull();
        assertThat(outcome.event().finishReason()).isEqualTo("content_filter");
    }

    @Test
    void a_block_with_a_refusal_message_answers_it_instead_of_failing() {
        CompletionTrace trace = traced();
        trace.blocked(
                new ChatError.Blocked("input", "variable 'q'", "prompt_injection", "I can't help with that."), null);
        CompletionOutcome outcome = trace.close(1000);
        assertThat(outcome.ending()).isEqualTo(CompletionTrace.Ending.INPUT_BLOCKED);
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.refusal()).isEqualTo("I can't help with that.");
    }

    @Test
    void the_first_ending_counts_so_a_stream_cancelled_after_its_block_stays_a_block() {
        CompletionTrace trace = traced();
        trace.blocked(new ChatError.Blocked("output", null, "secrets", null), null);
        trace.end(CompletionTrace.Ending.CANCELLED, "client went away");
        trace.failed(ChatError.internal(new IllegalStateException("late")));
        CompletionOutcome outcome = trace.close(1000);
        assertThat(outcome.ending()).isEqualTo(CompletionTrace.Ending.CONTENT_FILTER);
        assertThat(outcome.failure()).isInstanceOf(ChatError.Blocked.class);
    }

    @Test
    void a_request_that_never_chose_a_model_has_no_event() {
        CompletionTrace trace = new CompletionTrace("app", "1", false);
        trace.failed(ChatError.invalid("messages must not be empty", "messages"));
        CompletionOutcome outcome = trace.close(1000);
        assertThat(outcome.event()).isNull();
        assertThat(outcome.failure().param()).isEqualTo("messages");
        assertThat(outcome.answeringModel()).isNull();
    }
}

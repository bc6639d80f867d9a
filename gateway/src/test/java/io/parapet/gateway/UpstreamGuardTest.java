package io.parapet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import io.parapet.registry.ModelVersion;
import io.parapet.registry.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** The retry rules on their own: what is retried, and that nothing is once a token went out. */
class UpstreamGuardTest {
    private final UpstreamGuard guard = new UpstreamGuard(new GatewaySettings(
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            2,
            Duration.ofMillis(1),
            Duration.ofMillis(5),
            50,
            100,
            Duration.ofSeconds(30),
            0,
            0,
            "default",
            400));

    private static ModelVersion model(String name) {
        return new ModelVersion(
                name, 1, Provider.OPENAI, "m", "http://x", null, false, false, "c", "a", Instant.EPOCH, "h", null);
    }

    @Test
    void should_retry_a_failure_before_the_first_token_but_never_after_it() {
        AtomicInteger attempts = new AtomicInteger();
        Flux<String> failsFirst = Flux.defer(() ->
                attempts.incrementAndGet() < 3 ? Flux.error(new InternalServerException("boom")) : Flux.just("a", "b"));
        assertThat(guard.guard(model("before"), failsFirst, true).collectList().block())
                .containsExactly("a", "b");
        assertThat(attempts).hasValue(3);

        AtomicInteger midStream = new AtomicInteger();
        Flux<String> breaksMidway = Flux.defer(() -> {
            midStream.incrementAndGet();
            return Flux.concat(Flux.just("partial "), Flux.error(new InternalServerException("dropped")));
        });
        assertThatThrownBy(() -> guard.guard(model("after"), breaksMidway, true)
                        .collectList()
                        .block())
                .isInstanceOf(Upstream.UpstreamFailed.class)
                .hasMessageContaining("InternalServerException")
                .as("the upstream's own words stay in the log, never reach the caller")
                .hasMessageNotContaining("dropped");
        assertThat(midStream).as("the caller already has part of the answer").hasValue(1);
    }

    @Test
    void should_not_retry_what_the_upstream_refused_for_good() {
        AtomicInteger attempts = new AtomicInteger();
        Flux<String> refused = Flux.defer(() -> {
            attempts.incrementAndGet();
            return Flux.error(new AuthenticationException("bad key"));
        });
        assertThatThrownBy(() -> guard.guard(model("refused"), refused, false).blockLast())
                .isInstanceOf(Upstream.UpstreamFailed.class);
        assertThat(attempts).hasValue(1);
    }
}

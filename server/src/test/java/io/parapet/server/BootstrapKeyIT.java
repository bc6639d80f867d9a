package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.parapet.core.test.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A configured admin key that could never authenticate stops the server at start, with a message that names the
 * form it needs and never repeats the key.
 */
class BootstrapKeyIT {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "my-very-long-admin-secret-without-prefix", // no pk_ prefix
                " pk_0123456789abcdef0123456789abcdef ", // surrounding whitespace (a pasted line)
                "pk_short", // too short to be a key
                "pk_0123456789abcdef 0123456789abcdef" // a space inside
            })
    void should_refuse_to_start_with_a_bootstrap_key_that_cannot_authenticate(String key) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.create());
        properties.put("micronaut.server.port", "-1");
        properties.put("parapet.bootstrap-admin-key", key);

        Throwable failure = catchThrowable(() -> {
            try (ApplicationContext started = ApplicationContext.run(EmbeddedServer.class, properties, "postgres")
                    .getApplicationContext()) {
                assertThat(started.isRunning())
                        .as("started with a key that can never sign in")
                        .isFalse();
            }
        });

        assertThat(failure).hasStackTraceContaining("PARAPET_BOOTSTRAP_ADMIN_KEY must be 'pk_' followed by at least");
        assertThat(failure).satisfies(f -> assertThat(stackTrace(f)).doesNotContain(key.strip()));
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter text = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}

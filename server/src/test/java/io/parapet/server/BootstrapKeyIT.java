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

    /** Production mode (no home folder) prints no generated key: stdout ends up in container logs. */
    @org.junit.jupiter.api.Test
    void should_neither_create_nor_print_a_key_in_production_mode_without_a_bootstrap_key() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.create());
        properties.put("micronaut.server.port", "-1");
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "postgres")) {
            assertThat(server.getApplicationContext()
                            .getBean(io.parapet.server.security.ApiKeyService.class)
                            .activeCount())
                    .isZero();
        } finally {
            System.setOut(stdout);
        }
        String output = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(output).contains("no API key exists yet: set PARAPET_BOOTSTRAP_ADMIN_KEY");
        assertThat(output).as("no key printed").doesNotContainPattern("pk_[A-Za-z0-9_-]{20,}");
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter text = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}

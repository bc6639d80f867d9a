package io.parapet.server.guardrails;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.parapet.guardrails.Policy;
import io.parapet.guardrails.PolicyDocument;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the default policy in the background once the server is up. Compiling loads what its scanners need (the
 * MiniLM model, the heads, the tokenizer and the entity head's session: about two seconds), so they are ready before
 * the first scan instead of inside it.
 */
@Singleton
@Requires(property = "parapet.guardrails.warm-up", notEquals = "false")
class GuardrailWarmup implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(GuardrailWarmup.class);

    private final BeanProvider<Policy> defaultPolicy;

    GuardrailWarmup(@Named(PolicyDocument.DEFAULT) BeanProvider<Policy> defaultPolicy) {
        this.defaultPolicy = defaultPolicy;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        Thread.ofVirtual().name("guardrails-warm-up").start(() -> {
            long start = System.nanoTime();
            try {
                defaultPolicy.get();
                LOG.info("guardrail models loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warn("guardrail models could not be loaded ahead of time: {}", e.getMessage());
            }
        });
    }
}

package io.parapet.server.guardrails;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.parapet.guardrails.GuardrailEngine;
import io.parapet.guardrails.Policy;
import io.parapet.guardrails.PolicyDocument;
import io.parapet.guardrails.ScannerCatalog;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The guardrails library as beans: one scanner catalog, one engine, and the compiled default policy. */
@Factory
class GuardrailBeans {
    @Singleton
    ScannerCatalog catalog() {
        return ScannerCatalog.load();
    }

    @Bean(preDestroy = "close")
    @Singleton
    GuardrailEngine engine() {
        return new GuardrailEngine();
    }

    @Singleton
    @Named(PolicyDocument.DEFAULT)
    Policy defaultPolicy(ScannerCatalog catalog) {
        return Policy.compile(PolicyDocument.defaultPolicy().toDefinition(), catalog);
    }
}

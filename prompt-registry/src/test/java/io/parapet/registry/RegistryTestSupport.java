package io.parapet.registry;

import io.micronaut.test.support.TestPropertyProvider;
import io.parapet.core.Actor;
import io.parapet.core.Role;
import io.parapet.core.test.TestDatabase;
import java.util.List;
import java.util.Map;

/** A fresh PostgreSQL database per test class, plus actors for each role and request builders. */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
abstract class RegistryTestSupport implements TestPropertyProvider {
    static final Actor VIEWER = new Actor("vera", Role.VIEWER.implied());
    static final Actor EDITOR = new Actor("eddie", Role.EDITOR.implied());
    static final Actor PUBLISHER = new Actor("paula", Role.PUBLISHER.implied());
    static final Actor ADMIN = new Actor("ada", Role.ADMIN.implied());

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.create();
    }

    /** A connection outside Micronaut's transaction management, as another client would have. */
    static java.sql.Connection rawConnection(javax.sql.DataSource dataSource) throws java.sql.SQLException {
        return io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource)
                .getConnection();
    }

    /** How many audit entries exist: a rejected request must not add one. */
    static long auditTotal(io.parapet.core.audit.AuditLog audit) {
        return audit.find(
                        new io.parapet.core.audit.AuditQuery(null, null, null, null, null, null),
                        io.parapet.core.PageRequest.of(0, 1))
                .total();
    }

    static CreateVersionRequest text(String template) {
        return new CreateVersionRequest(PromptType.TEXT, template, null, null, null, null, "test", null, null, null);
    }

    static CreateVersionRequest chat(String system, String user) {
        return new CreateVersionRequest(
                PromptType.CHAT,
                null,
                List.of(new Message("system", system), new Message("user", user)),
                null,
                null,
                null,
                "test",
                null,
                null,
                null);
    }

    static CreateVersionRequest withLabels(CreateVersionRequest r, String... labels) {
        return new CreateVersionRequest(
                r.type(),
                r.template(),
                r.messages(),
                r.variables(),
                r.model(),
                r.responseFormat(),
                r.commitMessage(),
                List.of(labels),
                r.description(),
                r.tags());
    }
}

-- H2 counterpart of the PostgreSQL trigger function: a Java trigger class in parapet-core.
CREATE TRIGGER audit_entry_immutable BEFORE UPDATE, DELETE ON audit_entry
    FOR EACH ROW CALL 'io.parapet.core.db.RejectMutationTrigger';

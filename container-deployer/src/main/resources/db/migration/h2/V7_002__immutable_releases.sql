CREATE TRIGGER deploy_release_immutable BEFORE UPDATE, DELETE ON deploy_release
    FOR EACH ROW CALL 'io.parapet.core.db.RejectMutationTrigger';

CREATE TRIGGER prompt_version_immutable BEFORE UPDATE, DELETE ON prompt_version
    FOR EACH ROW CALL 'io.parapet.core.db.RejectMutationTrigger';
CREATE TRIGGER prompt_include_immutable BEFORE UPDATE, DELETE ON prompt_include
    FOR EACH ROW CALL 'io.parapet.core.db.RejectMutationTrigger';
CREATE TRIGGER prompt_label_event_immutable BEFORE UPDATE, DELETE ON prompt_label_event
    FOR EACH ROW CALL 'io.parapet.core.db.RejectMutationTrigger';
CREATE TRIGGER model_version_immutable BEFORE UPDATE, DELETE ON model_version
    FOR EACH ROW CALL 'io.parapet.core.db.RejectMutationTrigger';

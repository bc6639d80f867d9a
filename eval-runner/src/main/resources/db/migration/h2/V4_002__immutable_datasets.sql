CREATE TRIGGER dataset_version_immutable BEFORE UPDATE, DELETE ON dataset_version
    FOR EACH ROW CALL 'io.parapet.core.db.RejectMutationTrigger';
CREATE TRIGGER dataset_item_immutable BEFORE UPDATE, DELETE ON dataset_item
    FOR EACH ROW CALL 'io.parapet.core.db.RejectMutationTrigger';
CREATE TRIGGER dataset_label_event_immutable BEFORE UPDATE, DELETE ON dataset_label_event
    FOR EACH ROW CALL 'io.parapet.core.db.RejectMutationTrigger';

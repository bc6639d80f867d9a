CREATE TRIGGER dataset_version_immutable BEFORE UPDATE OR DELETE ON dataset_version
    FOR EACH ROW EXECUTE FUNCTION parapet_reject_mutation();
CREATE TRIGGER dataset_item_immutable BEFORE UPDATE OR DELETE ON dataset_item
    FOR EACH ROW EXECUTE FUNCTION parapet_reject_mutation();
CREATE TRIGGER dataset_label_event_immutable BEFORE UPDATE OR DELETE ON dataset_label_event
    FOR EACH ROW EXECUTE FUNCTION parapet_reject_mutation();

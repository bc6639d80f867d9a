CREATE TRIGGER prompt_version_immutable BEFORE UPDATE OR DELETE ON prompt_version
    FOR EACH ROW EXECUTE FUNCTION parapet_reject_mutation();
CREATE TRIGGER prompt_include_immutable BEFORE UPDATE OR DELETE ON prompt_include
    FOR EACH ROW EXECUTE FUNCTION parapet_reject_mutation();
CREATE TRIGGER prompt_label_event_immutable BEFORE UPDATE OR DELETE ON prompt_label_event
    FOR EACH ROW EXECUTE FUNCTION parapet_reject_mutation();
CREATE TRIGGER model_version_immutable BEFORE UPDATE OR DELETE ON model_version
    FOR EACH ROW EXECUTE FUNCTION parapet_reject_mutation();

CREATE TRIGGER deploy_release_immutable BEFORE UPDATE OR DELETE ON deploy_release
    FOR EACH ROW EXECUTE FUNCTION parapet_reject_mutation();

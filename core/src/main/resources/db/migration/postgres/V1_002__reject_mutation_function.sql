-- Attached BEFORE UPDATE OR DELETE to append-only tables: the database, not just the code, keeps them immutable.
CREATE FUNCTION parapet_reject_mutation() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are immutable (% rejected)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'P0001';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_entry_immutable BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION parapet_reject_mutation();

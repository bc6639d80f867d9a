-- Per-prompt (or per-model) monitor thresholds (streaming module). The monitors read them from the compacted topic
-- parapet.monitor.settings, which the outbox fills in the same transaction as each change.
CREATE TABLE monitor_setting (
    subject_key VARCHAR(300) PRIMARY KEY, -- a prompt name, or model:<name> for catalog-model traffic
    overrides   TEXT         NOT NULL,    -- JSON: only the thresholds that differ from the server's defaults
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by  VARCHAR(200) NOT NULL
);

-- Per-key chat gateway settings (server module): null means the server-wide default.
ALTER TABLE api_key ADD COLUMN default_policy VARCHAR(400);
ALTER TABLE api_key ADD COLUMN requests_per_minute INT;
ALTER TABLE api_key ADD COLUMN tokens_per_minute BIGINT;

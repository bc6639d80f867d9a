-- H2 has no partial indexes; local mode's outbox stays small.
CREATE INDEX outbox_event_pending ON outbox_event (shard, id);

-- The relay reads the unpublished rows of one shard in id order; published rows are most of the table.
CREATE INDEX outbox_event_pending ON outbox_event (shard, id) WHERE published_at IS NULL;

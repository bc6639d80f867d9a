-- Estimated costs: each answer's cost from the answering model's prices (null when the model has none), the run's
-- running total, and an optional cost budget beside the token budget.
ALTER TABLE eval_result ADD COLUMN cost DOUBLE PRECISION;
ALTER TABLE eval_run ADD COLUMN cost DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE eval_run ADD COLUMN max_cost DOUBLE PRECISION;

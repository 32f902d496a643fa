-- What started a run and why: manual runs and one-off runs carry the operator and a request id,
-- catch-up runs the interval they cover, jittered runs their delay.
ALTER TABLE chime_run ADD COLUMN triggered_by VARCHAR(200) NULL;  -- operator (manual, one-off)
ALTER TABLE chime_run ADD COLUMN request_id   VARCHAR(64)  NULL;  -- manual run / one-off id, to find the run it became
ALTER TABLE chime_run ADD COLUMN covered_from TIMESTAMPTZ  NULL;  -- catch-up: last successful scheduled fire before it
ALTER TABLE chime_run ADD COLUMN covered_to   TIMESTAMPTZ  NULL;  -- catch-up: the fire it stands for
ALTER TABLE chime_run ADD COLUMN delay_ms     BIGINT       NULL;  -- jitter applied before it started

CREATE INDEX chime_run_request ON chime_run (request_id) WHERE request_id IS NOT NULL;

-- What http and sql runs report besides an exit code, and the parameters a run used.
ALTER TABLE chime_run ADD COLUMN http_status   INTEGER NULL;  -- http jobs: the response status
ALTER TABLE chime_run ADD COLUMN rows_affected BIGINT  NULL;  -- sql jobs: rows changed by all statements
ALTER TABLE chime_run ADD COLUMN parameters    TEXT    NULL;  -- JSON object: the parameters in force

CREATE INDEX chime_run_cluster_scheduled ON chime_run (cluster, scheduled_at DESC);
CREATE INDEX chime_run_cluster_outcome ON chime_run (cluster, outcome, started_at DESC);

-- One row per history purge: which node ran it, for which scheduled fire, how much it deleted.
CREATE TABLE chime_purge
(
  id           BIGSERIAL    PRIMARY KEY,
  cluster      VARCHAR(120) NOT NULL,
  scheduled_at TIMESTAMPTZ  NOT NULL,
  started_at   TIMESTAMPTZ  NOT NULL,
  ended_at     TIMESTAMPTZ  NULL,
  node         VARCHAR(200) NOT NULL,
  cutoff       TIMESTAMPTZ  NOT NULL,  -- runs that started before this were deleted
  deleted      BIGINT       NOT NULL DEFAULT 0,
  batches      INTEGER      NOT NULL DEFAULT 0
);

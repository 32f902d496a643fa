-- chime's run records: one row per attempt of a fire, inserted when the run starts, updated when it ends.
CREATE TABLE chime_run
(
  id               BIGSERIAL    PRIMARY KEY,
  cluster          VARCHAR(120) NOT NULL,  -- chime.cluster.name (the Quartz scheduler name)
  job              VARCHAR(200) NOT NULL,
  scheduled_at     TIMESTAMPTZ  NOT NULL,  -- the fire time this run is for (kept across recovery)
  started_at       TIMESTAMPTZ  NOT NULL,
  ended_at         TIMESTAMPTZ  NULL,
  node             VARCHAR(200) NOT NULL,
  attempt          INTEGER      NOT NULL,  -- 1, then 2.. for a recovery of the same fire
  trigger          VARCHAR(16)  NOT NULL,  -- schedule | recovery | manual
  outcome          VARCHAR(16)  NOT NULL,  -- running | succeeded | failed | timed_out | interrupted | lost
  fire_instance_id VARCHAR(95)  NULL,
  exit_code        INTEGER      NULL,
  error            TEXT         NULL,
  output           TEXT         NULL,      -- bounded excerpt
  output_bytes     BIGINT       NULL       -- everything the run printed, kept or not
);

CREATE INDEX chime_run_job_scheduled ON chime_run (cluster, job, scheduled_at DESC);
CREATE INDEX chime_run_started ON chime_run (cluster, started_at DESC);
CREATE INDEX chime_run_running ON chime_run (cluster, node) WHERE outcome = 'running';

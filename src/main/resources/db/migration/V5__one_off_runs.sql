-- Operator controls. One-off runs (chime schedule): one row per request, its id is the Quartz trigger's
-- name and the request_id of the run it becomes. Status is derived: cancelled when cancelled_at is set,
-- fired when a chime_run row carries its id (or its Quartz trigger is gone), else pending.
CREATE TABLE chime_one_off
(
  id           VARCHAR(64)  NOT NULL,
  cluster      VARCHAR(120) NOT NULL,
  job          VARCHAR(200) NOT NULL,
  run_at       TIMESTAMPTZ  NOT NULL,
  parameters   TEXT         NOT NULL,  -- JSON object: the overrides asked for
  created_by   VARCHAR(200) NOT NULL,
  created_at   TIMESTAMPTZ  NOT NULL,
  cancelled_at TIMESTAMPTZ  NULL,
  cancelled_by VARCHAR(200) NULL,
  PRIMARY KEY (cluster, id)
);

CREATE INDEX chime_one_off_run_at ON chime_one_off (cluster, run_at);

-- Pauses (chime pause): who paused a job, when, why and until when. The pause itself is the Quartz
-- trigger's PAUSED state; this row survives a reconcile that replaces the trigger.
CREATE TABLE chime_pause
(
  cluster      VARCHAR(120) NOT NULL,
  job          VARCHAR(200) NOT NULL,
  paused_by    VARCHAR(200) NOT NULL,
  paused_at    TIMESTAMPTZ  NOT NULL,
  reason       TEXT         NULL,
  paused_until TIMESTAMPTZ  NULL,      -- resumed by itself then, by the pause-expiry system job
  PRIMARY KEY (cluster, job)
);

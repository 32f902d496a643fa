-- The audit log: every mutating operator action, from the HTTP API or the CLI, whether it succeeded or not.
-- Append-only; chime never updates or deletes these rows.
CREATE TABLE chime_audit
(
  id        BIGSERIAL    PRIMARY KEY,
  cluster   VARCHAR(120) NOT NULL,
  at        TIMESTAMPTZ  NOT NULL,
  actor     VARCHAR(200) NOT NULL,  -- the API token's name, or the OS user of a CLI command
  action    VARCHAR(40)  NOT NULL,  -- pause, resume, trigger, schedule, cancel, standby, start
  arguments TEXT         NOT NULL,  -- JSON object: what was asked, as given
  source    VARCHAR(200) NOT NULL,  -- the caller's address, or 'cli'
  result    VARCHAR(10)  NOT NULL,  -- ok or error
  error     TEXT         NULL       -- the error returned, when result = error
);

CREATE INDEX chime_audit_at ON chime_audit (cluster, at DESC, id DESC);

-- A scheduled fire runs once. Quartz hands each fire to one node, but a node that stalled (a paused
-- VM, a long GC) can wake up holding fires that the cluster already gave to another node; the second
-- start of the same (job, scheduled time) from the schedule is refused here, by the database itself,
-- and recorded skipped. Recoveries, retries and manual runs are further attempts or requests, not fires.
CREATE UNIQUE INDEX chime_run_one_per_fire ON chime_run (cluster, job, scheduled_at)
  WHERE trigger IN ('schedule', 'catch_up') AND outcome <> 'skipped';

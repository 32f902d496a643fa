-- Runs after every migrate, on every node start: seed Quartz's lock rows for this cluster so that nodes
-- starting together never race to insert them (a duplicate-key error would abort a node's first lock).
INSERT INTO qrtz_locks (sched_name, lock_name)
VALUES ('${clusterName}', 'TRIGGER_ACCESS'),
       ('${clusterName}', 'STATE_ACCESS')
ON CONFLICT DO NOTHING;

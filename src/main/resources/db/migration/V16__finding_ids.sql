-- Every stored finding gets a stable id (the API's finding id, e.g. for POST /findings/{id}/explain).
-- (scan_id, position) stays unique: it orders a scan's findings and carries the findings cursor.
ALTER TABLE findings ADD COLUMN id uuid;
UPDATE findings SET id = gen_random_uuid();
ALTER TABLE findings ALTER COLUMN id SET NOT NULL;
ALTER TABLE findings ALTER COLUMN id SET DEFAULT gen_random_uuid();
ALTER TABLE findings DROP CONSTRAINT findings_pkey;
ALTER TABLE findings ADD PRIMARY KEY (id);
ALTER TABLE findings ADD CONSTRAINT findings_scan_position_key UNIQUE (scan_id, position);

-- An uploaded archive belongs to its scan job: it goes when the job reaches a final state
-- (succeeded, failed for good, cancelled), whichever path got it there (worker, cancellation by
-- the API, claim), in the same transaction; deleting the job deletes it too. Archives without a job
-- (an upload whose request failed after storing it) are swept after reviewer.scan.archive-retention.
ALTER TABLE scan_archives ADD COLUMN job_id uuid REFERENCES jobs (id) ON DELETE CASCADE;
CREATE INDEX scan_archives_job_idx ON scan_archives (job_id);
CREATE INDEX scan_archives_created_idx ON scan_archives (created_at);

UPDATE scan_archives a SET job_id = j.id
FROM jobs j
WHERE j.kind = 'scan' AND j.payload LIKE '%' || CAST(a.id AS text) || '%';

DELETE FROM scan_archives a
USING jobs j
WHERE j.id = a.job_id AND j.state IN ('succeeded', 'failed', 'cancelled');

CREATE FUNCTION reviewer_drop_archive_of_finished_job() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM scan_archives WHERE job_id = NEW.id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER jobs_drop_archive_when_finished
    AFTER UPDATE OF state ON jobs
    FOR EACH ROW
    WHEN (NEW.state IN ('succeeded', 'failed', 'cancelled') AND OLD.state IS DISTINCT FROM NEW.state)
EXECUTE FUNCTION reviewer_drop_archive_of_finished_job();

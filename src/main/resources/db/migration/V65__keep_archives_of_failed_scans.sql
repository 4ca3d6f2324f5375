-- POST /api/v1/jobs/{id}/retry runs a failed or cancelled scan again as the same job, which
-- needs the uploaded archive; dropping it at any final state made every retry of an upload scan
-- fail at once. Only success makes the archive useless, so only success drops it, in the same
-- transaction as before. The archive of a failed or cancelled job stays until ArchiveSweep deletes
-- it, reviewer.scan.archive-retention after the job finished (a retry puts the job back in the
-- queue, and archives of queued or running jobs are never swept). Deleting the job still deletes
-- its archive (ON DELETE CASCADE, V18).
DROP TRIGGER jobs_drop_archive_when_finished ON jobs;
CREATE TRIGGER jobs_drop_archive_when_finished
    AFTER UPDATE OF state ON jobs
    FOR EACH ROW
    WHEN (NEW.kind = 'scan' AND NEW.state = 'succeeded' AND OLD.state IS DISTINCT FROM NEW.state)
EXECUTE FUNCTION reviewer_drop_archive_of_finished_job();

-- A repository's scan jobs, newest first (ScanHistory's pages; RepositoryScans' newest job per
-- repository may walk it in order instead of sorting): the repository is in the job's payload, so
-- without this index a history page walked all of the tenant's jobs and parsed every payload.
-- Partial: only scan jobs have a repository.
CREATE INDEX jobs_scan_repository_idx
    ON jobs (tenant_id, (CAST(payload AS jsonb) ->> 'repositoryId'), created_at DESC, id DESC)
    WHERE kind = 'scan';

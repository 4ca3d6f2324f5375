-- reviewer_claim_job (V17) claimed one job; since V61 reviewer_claim_jobs claims a batch with set
-- operations and nothing calls the single-job function any more.
DROP FUNCTION reviewer_claim_job(uuid, int, timestamptz);

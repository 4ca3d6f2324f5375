-- Claims several jobs in one call (the claims of concurrent worker threads, batched): the same
-- claim as reviewer_claim_job for each, in one transaction. The claims run in the order of the
-- tenants' lock keys, so two batches take the per-tenant advisory locks in the same order and
-- cannot deadlock on them; a tenant's running count sees the jobs this batch started before it.
CREATE FUNCTION reviewer_claim_jobs(p_ids uuid[], p_limit int, p_now timestamptz)
    RETURNS TABLE (job_id uuid, outcome text, state text, tenant_id uuid, kind text, payload text,
                   attempt int, created_at timestamptz)
    LANGUAGE plpgsql
    VOLATILE
AS $$
DECLARE
    next_id uuid;
BEGIN
    FOR next_id IN
        SELECT u.id
        FROM unnest(p_ids) AS u(id)
        LEFT JOIN jobs j ON j.id = u.id
        ORDER BY hashtext(CAST(j.tenant_id AS text)), u.id
    LOOP
        RETURN QUERY SELECT next_id, c.outcome, c.state, c.tenant_id, c.kind, c.payload, c.attempt,
                            c.created_at
                     FROM reviewer_claim_job(next_id, p_limit, p_now) c;
    END LOOP;
END;
$$;

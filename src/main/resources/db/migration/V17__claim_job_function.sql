-- Claims one job for a db-scheduler execution in one round trip (it was five: row lock, tenant lock,
-- running count, start, commit). Runs in the caller's (autocommit) transaction. In PL/pgSQL every
-- statement of a volatile function takes a fresh snapshot under READ COMMITTED, so the running
-- count after the tenant's advisory lock sees every job another claim started and committed: the
-- per-tenant limit stays exact across all workers.
--
-- outcome: 'started' (attempt = the new attempt), 'deferred' (tenant at its limit), 'deleted',
-- 'finished' (already terminal; state says which), 'cancelled' (cancel requested before it started).
CREATE FUNCTION reviewer_claim_job(p_id uuid, p_limit int, p_now timestamptz)
    RETURNS TABLE (outcome text, state text, tenant_id uuid, kind text, payload text, attempt int,
                   created_at timestamptz)
    LANGUAGE plpgsql
    VOLATILE
AS $$
DECLARE
    job     record;
    running bigint;
BEGIN
    SELECT j.tenant_id, j.kind, j.state, j.cancel_requested, j.payload, j.attempts, j.created_at
    INTO job FROM jobs j WHERE j.id = p_id FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'deleted', NULL::text, NULL::uuid, NULL::text, NULL::text, 0,
                            NULL::timestamptz;
        RETURN;
    END IF;
    IF job.state IN ('succeeded', 'failed', 'cancelled') THEN
        RETURN QUERY SELECT 'finished', job.state, job.tenant_id, job.kind, NULL::text,
                            job.attempts, job.created_at;
        RETURN;
    END IF;
    IF job.cancel_requested THEN
        WITH cancelled AS (
            UPDATE jobs j SET state = 'cancelled', stage = 'cancelled', finished_at = p_now,
                              updated_at = p_now
            WHERE j.id = p_id
            RETURNING j.id, j.state, j.progress, j.stage, j.attempts, j.error, j.result_ref,
                      j.updated_at)
        INSERT INTO job_events (job_id, state, progress, stage, attempts, error, result_ref,
                                created_at)
        SELECT * FROM cancelled;
        RETURN QUERY SELECT 'cancelled', 'cancelled'::text, job.tenant_id, job.kind, NULL::text,
                            job.attempts, job.created_at;
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(4, hashtext(CAST(job.tenant_id AS text)));
    SELECT count(*) INTO running FROM jobs j
    WHERE j.tenant_id = job.tenant_id AND j.state = 'running' AND j.id <> p_id;
    IF running >= p_limit THEN
        UPDATE jobs j SET state = 'queued', stage = 'waiting for a free slot of the tenant',
                          updated_at = p_now
        WHERE j.id = p_id AND j.state <> 'queued';
        RETURN QUERY SELECT 'deferred', job.state, job.tenant_id, job.kind, NULL::text,
                            job.attempts, job.created_at;
        RETURN;
    END IF;
    -- No 'running' event here: the first progress report or the final state records one, which
    -- saves a row per short job (live listeners hear of the start through the progress relay).
    UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, started_at = p_now,
                      stage = 'started', error = NULL, next_attempt_at = NULL, updated_at = p_now
    WHERE j.id = p_id;
    RETURN QUERY SELECT 'started', 'running'::text, job.tenant_id, job.kind, job.payload,
                        job.attempts + 1, job.created_at;
END;
$$;

-- db-scheduler's lock-and-fetch and the claim of the picked jobs in one statement and one
-- transaction: the executions as reviewer_pick_executions picks them, each 'job' execution with the
-- outcome of its claim (reviewer_claim_jobs, same rules). The worker then runs a picked job without
-- another round trip; a claim round trip and a transaction less per batch.
--
-- Locks: the executions' rows first (SKIP LOCKED), then the tenants' advisory locks in key order,
-- then the jobs' rows. Paths that lock a job row and then its execution row (cancel, retry) take
-- the execution's row first, so they cannot deadlock with this.
--
-- The poller must not pick more executions than it has free threads
-- (db-scheduler.polling-strategy-upper-limit-fraction-of-threads = 1): a claimed job is 'running'.
CREATE FUNCTION reviewer_pick_and_claim(p_now timestamptz, p_limit int, p_picked_by text,
                                        p_unresolved text[], p_tenant_limit int)
    RETURNS TABLE (task_name text, task_instance text, task_data bytea,
                   execution_time timestamptz, picked boolean, picked_by text,
                   last_success timestamptz, last_failure timestamptz, consecutive_failures int,
                   last_heartbeat timestamptz, version bigint, priority smallint, state text,
                   claim_outcome text, claim_state text, claim_tenant_id uuid, claim_kind text,
                   claim_payload text, claim_attempt int, claim_created_at timestamptz)
    LANGUAGE plpgsql
    VOLATILE
    SET enable_seqscan = off
    SET enable_hashjoin = off
    SET enable_mergejoin = off
    SET jit = off
AS $$
DECLARE
    executions scheduled_tasks[];
    job_ids uuid[];
BEGIN
    SELECT coalesce(array_agg(e), '{}') INTO executions
    FROM reviewer_pick_executions(p_now, p_limit, p_picked_by, p_unresolved) e;
    SELECT coalesce(array_agg(CAST(e.task_instance AS uuid)), '{}') INTO job_ids
    FROM unnest(executions) e WHERE e.task_name = 'job';
    RETURN QUERY
    SELECT e.task_name, e.task_instance, e.task_data, e.execution_time, e.picked, e.picked_by,
           e.last_success, e.last_failure, e.consecutive_failures, e.last_heartbeat, e.version,
           e.priority, e.state,
           c.outcome, c.state, c.tenant_id, c.kind, c.payload, c.attempt, c.created_at
    FROM unnest(executions) WITH ORDINALITY AS e
    LEFT JOIN reviewer_claim_jobs(job_ids, p_tenant_limit, p_now) c
           ON e.task_name = 'job' AND c.job_id = CAST(e.task_instance AS uuid)
    ORDER BY e.ordinality;
END;
$$;

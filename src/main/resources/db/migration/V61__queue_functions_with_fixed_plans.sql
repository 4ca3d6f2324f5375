-- The job queue's hot statements, as functions whose plans do not depend on the table statistics.
--
-- A queue table's statistics are wrong exactly when it matters: autovacuum analyzes scheduled_tasks
-- while it is nearly empty (reltuples 1, hundreds of pages of churned index), then a burst of
-- thousands of jobs arrives and, until the next autovacuum a minute later, the planner believes the
-- table holds one row. Measured during a 10,000-job drain (auto_explain): db-scheduler's pick of an
-- execution by primary key ran as a sequential scan (17-195 ms instead of 0.1), its fetch as a
-- bitmap scan and sort of every due row (up to 120 ms), the removal of finished executions as a hash
-- join over the whole index (113 ms); PostgreSQL's CPU per drain doubled from run to run. These
-- functions run with the plans a queue needs whatever the statistics say: index scans and nested
-- loops over a handful of rows (function-level settings; they hold inside PgBouncer's transaction
-- mode too, unlike session settings). A disabled plan type costs 10^10 when nothing else is
-- possible (the final sort of a handful of rows), far above jit_above_cost: jit is off in them, or
-- every call compiles its plan (measured: 437 ms per fetch). Plans are made for each call's
-- values (force_custom_plan): PL/pgSQL's generic plan, made without the ids, turned the removal of
-- finished executions into a scan of every 'job' entry of the primary key with the ids as a filter
-- (148 index entries read per lookup during a drain).

-- Claims a batch of jobs with set operations instead of one reviewer_claim_job call per job. The
-- per-job loop spent about 0.3 ms of database time per claim (row lock, advisory lock, a running
-- count over the tenant's partial index, update, each a statement of its own); here a batch is two
-- statements whatever its size: the tenants' advisory locks (in key order, so concurrent batches
-- cannot deadlock on them), then one statement that locks the rows, counts each tenant's running
-- jobs once, and starts, defers or cancels every job of the batch.
--
-- The same rules as reviewer_claim_job: a job that is gone is 'deleted'; a terminal one 'finished';
-- one whose cancellation was asked before it started is cancelled now ('cancelled', with its event);
-- the others start while their tenant has fewer than p_limit running jobs (jobs of the batch count
-- in priority and age order), the rest are 'deferred' (back to 'queued' when they were revived).
-- The second statement takes its snapshot after the advisory locks are held, so its running counts
-- see every job that another claim of the same tenants started: the limit stays exact across workers.
CREATE OR REPLACE FUNCTION reviewer_claim_jobs(p_ids uuid[], p_limit int, p_now timestamptz)
    RETURNS TABLE (job_id uuid, outcome text, state text, tenant_id uuid, kind text, payload text,
                   attempt int, created_at timestamptz)
    LANGUAGE plpgsql
    VOLATILE
    -- Plans that stay right when the statistics are stale (see reviewer_pick_executions).
    SET enable_seqscan = off
    SET enable_hashjoin = off
    SET enable_mergejoin = off
    SET jit = off
    SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
    tenants uuid[];
    lock_key int;
BEGIN
    SELECT array_agg(DISTINCT j.tenant_id) INTO tenants FROM jobs j WHERE j.id = ANY (p_ids);
    FOR lock_key IN
        SELECT DISTINCT hashtext(CAST(t.id AS text)) AS k
        FROM unnest(tenants) AS t(id)
        ORDER BY k
    LOOP
        PERFORM pg_advisory_xact_lock(4, lock_key);
    END LOOP;

    RETURN QUERY
    WITH locked AS (
        SELECT j.id, j.tenant_id, j.kind, j.state, j.cancel_requested, j.payload, j.attempts,
               j.created_at, j.priority
        FROM jobs j WHERE j.id = ANY (p_ids)
        ORDER BY j.id
        FOR UPDATE),
    running AS (
        SELECT r.tenant_id, count(*) AS n
        FROM jobs r
        WHERE r.state = 'running' AND r.tenant_id = ANY (tenants) AND r.id <> ALL (p_ids)
        GROUP BY r.tenant_id),
    decided AS (
        SELECT l.*,
               CASE
                   WHEN l.state IN ('succeeded', 'failed', 'cancelled') THEN 'finished'
                   WHEN l.cancel_requested THEN 'cancelled'
                   WHEN coalesce(r.n, 0)
                        + count(*) FILTER (WHERE l.state NOT IN ('succeeded', 'failed', 'cancelled')
                                             AND NOT l.cancel_requested)
                              OVER (PARTITION BY l.tenant_id
                                    ORDER BY l.priority DESC, l.created_at, l.id
                                    ROWS UNBOUNDED PRECEDING) <= p_limit THEN 'started'
                   ELSE 'deferred'
               END AS outcome
        FROM locked l LEFT JOIN running r ON r.tenant_id = l.tenant_id),
    started AS (
        -- No 'running' event: the first progress report or the final state records one.
        UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, started_at = p_now,
                          stage = 'started', error = NULL, next_attempt_at = NULL,
                          updated_at = p_now
        FROM decided d
        WHERE j.id = ANY (p_ids) AND j.id = d.id AND d.outcome = 'started'),
    deferred AS (
        UPDATE jobs j SET state = 'queued', stage = 'waiting for a free slot of the tenant',
                          updated_at = p_now
        FROM decided d
        WHERE j.id = ANY (p_ids) AND j.id = d.id AND d.outcome = 'deferred'
          AND j.state <> 'queued'),
    cancelled AS (
        UPDATE jobs j SET state = 'cancelled', stage = 'cancelled', finished_at = p_now,
                          updated_at = p_now
        FROM decided d
        WHERE j.id = ANY (p_ids) AND j.id = d.id AND d.outcome = 'cancelled'
        RETURNING j.id, j.state, j.progress, j.stage, j.attempts, j.error, j.result_ref,
                  j.updated_at),
    cancel_events AS (
        INSERT INTO job_events (job_id, state, progress, stage, attempts, error, result_ref,
                                created_at)
        SELECT * FROM cancelled)
    SELECT u.id,
           coalesce(d.outcome, 'deleted'),
           CASE d.outcome WHEN 'started' THEN 'running' WHEN 'cancelled' THEN 'cancelled'
                          ELSE d.state END,
           d.tenant_id,
           d.kind,
           CASE WHEN d.outcome = 'started' THEN d.payload END,
           CASE WHEN d.outcome = 'started' THEN d.attempts + 1 ELSE coalesce(d.attempts, 0) END,
           d.created_at
    FROM unnest(p_ids) AS u(id)
    LEFT JOIN decided d ON d.id = u.id;
END;
$$;

-- Only scan jobs have uploaded archives: other kinds no longer run the trigger's function (and its
-- DELETE) when they finish.
DROP TRIGGER jobs_drop_archive_when_finished ON jobs;
CREATE TRIGGER jobs_drop_archive_when_finished
    AFTER UPDATE OF state ON jobs
    FOR EACH ROW
    WHEN (NEW.kind = 'scan' AND NEW.state IN ('succeeded', 'failed', 'cancelled')
          AND OLD.state IS DISTINCT FROM NEW.state)
EXECUTE FUNCTION reviewer_drop_archive_of_finished_job();

-- db-scheduler's lock-and-fetch (our JdbcCustomization calls it): the due executions in priority
-- order, locked with SKIP LOCKED, marked picked by their tuple ids (a TID scan: no second index
-- lookup, no plan to go wrong), returned in priority order. p_unresolved: task names this scheduler
-- does not know, which it must leave alone.
CREATE FUNCTION reviewer_pick_executions(p_now timestamptz, p_limit int, p_picked_by text,
                                         p_unresolved text[])
    RETURNS SETOF scheduled_tasks
    LANGUAGE plpgsql
    VOLATILE
    SET enable_seqscan = off
    SET enable_bitmapscan = off
    SET enable_hashjoin = off
    SET enable_mergejoin = off
    SET jit = off
    SET plan_cache_mode = force_custom_plan
AS $$
BEGIN
    RETURN QUERY
    WITH due AS (
        SELECT s.ctid
        FROM scheduled_tasks s
        WHERE s.picked = false AND s.execution_time <= p_now
          AND s.task_name <> ALL (p_unresolved)
        ORDER BY s.priority DESC, s.execution_time ASC
        LIMIT p_limit
        FOR UPDATE SKIP LOCKED),
    picked AS (
        UPDATE scheduled_tasks st
        SET picked = true, picked_by = p_picked_by, last_heartbeat = p_now,
            version = st.version + 1
        WHERE st.ctid = ANY (ARRAY(SELECT d.ctid FROM due d))
        RETURNING st.*)
    SELECT * FROM picked p ORDER BY p.priority DESC, p.execution_time ASC;
END;
$$;

-- Final states of several attempts (see ExecutionRepository.finishAll): each job's row, fenced by
-- its attempt; its event; the removal of its db-scheduler execution, fenced by the execution's
-- version. Work that ends after its cancellation was asked for counts as cancelled, as it would
-- have at its next checkpoint; its result is dropped.
CREATE FUNCTION reviewer_finish_jobs(p_rows jsonb, p_ids uuid[], p_now timestamptz)
    RETURNS TABLE (id uuid, state text)
    LANGUAGE plpgsql
    VOLATILE
    SET enable_seqscan = off
    SET enable_hashjoin = off
    SET enable_mergejoin = off
    SET jit = off
    SET plan_cache_mode = force_custom_plan
AS $$
BEGIN
    RETURN QUERY
    WITH input AS (
        SELECT * FROM jsonb_to_recordset(p_rows)
          AS t(id uuid, attempt int, state text, stage text, error text, result_ref text,
               version bigint)),
    finished AS (
        UPDATE jobs j
        SET state = CASE WHEN j.cancel_requested AND i.state = 'succeeded' THEN 'cancelled'
                         ELSE i.state END,
            progress = CASE WHEN i.state = 'succeeded' AND NOT j.cancel_requested THEN 100
                            ELSE j.progress END,
            stage = CASE WHEN j.cancel_requested AND i.state = 'succeeded' THEN 'cancelled'
                         ELSE i.stage END,
            result_ref = CASE WHEN j.cancel_requested AND i.state = 'succeeded' THEN NULL
                              ELSE i.result_ref END,
            error = i.error, finished_at = p_now, updated_at = p_now
        FROM input i
        WHERE j.id = ANY (p_ids) AND j.id = i.id
          AND j.state = 'running' AND j.attempts = i.attempt
        RETURNING j.id, j.state, j.progress, j.stage, j.attempts, j.error, j.result_ref,
                  j.updated_at),
    events AS (
        INSERT INTO job_events (job_id, state, progress, stage, attempts, error, result_ref,
                                created_at)
        SELECT * FROM finished),
    removed AS (
        DELETE FROM scheduled_tasks s USING input i
        WHERE s.task_name = 'job' AND s.task_instance = ANY (CAST(p_ids AS text[]))
          AND s.task_instance = CAST(i.id AS text) AND s.version = i.version)
    SELECT f.id, f.state FROM finished f;
END;
$$;

-- The claim and the final write plan their statements once per session instead of at every call.
--
-- V61 made every statement of the queue functions plan for each call's values
-- (plan_cache_mode = force_custom_plan). pg_stat_statements with track_planning showed what that
-- costs on PostgreSQL 17 during a drain of 10,000 no-op jobs: planning took ~2.9 s against ~8 s of
-- execution -- the claim's statement 1.0 s (0.7 ms per call), the final write's 0.8 s, and the
-- foreign-key check of every job_events row 0.3 s (the setting reaches the check's query too).
--
-- Their generic plans are the plans a queue needs whatever the statistics say, because every
-- statement is driven by the ids it is given: the jobs by primary key (id = ANY), the running jobs
-- of the batch's tenants through jobs_running_idx, the executions to remove by both primary-key
-- columns (task_name = 'job' AND task_instance = ANY), and the settings of V61 (no sequential,
-- hash or merge plans) still hold. Checked with 5,000 'job' executions and statistics that say the
-- table has one row: the removal reads 8 buffers (QueuePlansIT keeps these plan shapes).
--
-- The pick (reviewer_pick_executions) keeps its per-call plans: without its LIMIT and "now" the
-- generic plan of its ordered scan read every due execution (5.4 s of execution per 10,000 jobs
-- instead of 0.6-0.8 s).
ALTER FUNCTION reviewer_claim_jobs(uuid[], int, timestamptz) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION reviewer_finish_jobs(jsonb, uuid[], timestamptz) SET plan_cache_mode = force_generic_plan;

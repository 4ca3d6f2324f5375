-- db-scheduler's execution table (PostgreSQL layout of db-scheduler 16, with priorities).
CREATE TABLE scheduled_tasks (
    task_name            text NOT NULL,
    task_instance        text NOT NULL,
    task_data            bytea,
    execution_time       timestamptz,
    picked               boolean NOT NULL,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures int,
    last_heartbeat       timestamptz,
    version              bigint NOT NULL,
    priority             smallint,
    state                text,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- What users see of a job. db-scheduler decides who runs what and when; this table says what happened.
CREATE TABLE jobs (
    id               uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind             text NOT NULL,
    state            text NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    progress         int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    stage            text,
    attempts         int NOT NULL DEFAULT 0,
    error            text,
    payload          text NOT NULL,
    result_ref       text,
    idempotency_key  text,
    request_hash     text,
    priority         smallint NOT NULL DEFAULT 0,
    parent_id        uuid REFERENCES jobs (id) ON DELETE CASCADE,
    cancel_requested boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    next_attempt_at  timestamptz
);
CREATE UNIQUE INDEX jobs_idempotency_idx ON jobs (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX jobs_tenant_created_idx ON jobs (tenant_id, created_at DESC);
CREATE INDEX jobs_running_idx ON jobs (tenant_id) WHERE state = 'running';
CREATE INDEX jobs_queued_idx ON jobs (created_at) WHERE state = 'queued';
CREATE INDEX jobs_parent_idx ON jobs (parent_id) WHERE parent_id IS NOT NULL;

-- Every visible change of a job, in order: the source of the SSE stream (ids resume with Last-Event-ID).
CREATE TABLE job_events (
    id         bigserial PRIMARY KEY,
    job_id     uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    state      text NOT NULL,
    progress   int NOT NULL,
    stage      text,
    attempts   int NOT NULL,
    error      text,
    result_ref text,
    created_at timestamptz NOT NULL
);
CREATE INDEX job_events_job_idx ON job_events (job_id, id);

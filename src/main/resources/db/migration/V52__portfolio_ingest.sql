-- Manifest fields of ingested repositories.
ALTER TABLE repositories ADD COLUMN branch text;
ALTER TABLE repositories ADD COLUMN tags text[] NOT NULL DEFAULT '{}';

-- The outcome of a portfolio ingest job, one row per job (a re-run replaces it).
CREATE TABLE portfolio_ingests (
    job_id     uuid PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    outcomes   text NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX portfolio_ingests_tenant_idx ON portfolio_ingests (tenant_id);

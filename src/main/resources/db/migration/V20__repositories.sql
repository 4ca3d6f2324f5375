-- Repositories registered through the platform API: a git URL or a server-side path, per tenant.
CREATE TABLE repositories (
    id         uuid PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name       text NOT NULL,
    url        text,
    path       text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT repositories_one_source CHECK ((url IS NULL) <> (path IS NULL)),
    CONSTRAINT repositories_name_per_tenant UNIQUE (tenant_id, name)
);

-- Newest-first keyset pagination within a tenant.
CREATE INDEX repositories_tenant_created_idx ON repositories (tenant_id, created_at DESC, id DESC);

-- Non-critical writes: product events and audit entries. Written in batches through a breaker and a
-- bulkhead; write_id makes a re-sent batch harmless. No foreign keys: these rows must never lock or
-- wait on the tables that user requests write.
CREATE TABLE product_events (
    id          bigserial PRIMARY KEY,
    write_id    uuid NOT NULL UNIQUE,
    tenant_id   uuid,
    key_id      uuid,
    kind        text NOT NULL,
    attributes  jsonb NOT NULL DEFAULT '{}',
    occurred_at timestamptz NOT NULL
);

CREATE INDEX product_events_tenant_time_idx ON product_events (tenant_id, occurred_at);

CREATE TABLE audit_entries (
    id          bigserial PRIMARY KEY,
    write_id    uuid NOT NULL UNIQUE,
    tenant_id   uuid NOT NULL,
    key_id      uuid,
    action      text NOT NULL,
    target      text NOT NULL,
    attributes  jsonb NOT NULL DEFAULT '{}',
    occurred_at timestamptz NOT NULL
);

CREATE INDEX audit_entries_tenant_time_idx ON audit_entries (tenant_id, occurred_at);

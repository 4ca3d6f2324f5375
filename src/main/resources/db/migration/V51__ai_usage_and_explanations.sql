-- Tokens and cost of the AI routes per tenant, UTC day and provider: the daily token budget is
-- checked against it. Written as a non-critical write (a failed write never fails the request).
CREATE TABLE ai_usage (
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    day           date NOT NULL,
    provider      text NOT NULL,
    calls         integer NOT NULL,
    input_tokens  bigint NOT NULL,
    output_tokens bigint NOT NULL,
    cost          numeric(14, 6) NOT NULL,
    PRIMARY KEY (tenant_id, day, provider)
);

-- Answers of POST /api/v1/findings/{id}/explain by (finding fingerprint, model), per tenant: asking
-- twice costs nothing. Per tenant because the answer quotes the tenant's code.
CREATE TABLE ai_explanations (
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    fingerprint   text NOT NULL,
    model         text NOT NULL,
    provider      text NOT NULL,
    answer        text NOT NULL,
    input_tokens  bigint NOT NULL,
    output_tokens bigint NOT NULL,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, fingerprint, model)
);

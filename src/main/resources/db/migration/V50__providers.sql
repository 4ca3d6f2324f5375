-- The catalogue of LLM providers the AI routes may use. Platform-wide (not per tenant): rows are
-- seeded from reviewer.providers.catalogue at start and edited by admins through the API.
-- Only the NAME of the environment variable holding the API key is stored, never the key.
CREATE TABLE providers (
    name                 text PRIMARY KEY,
    api_style            text NOT NULL CHECK (api_style IN ('openai-chat', 'anthropic-messages')),
    base_url             text NOT NULL,
    model                text NOT NULL,
    api_key_env          text,
    input_price_per_1k   numeric(12, 6) NOT NULL CHECK (input_price_per_1k >= 0),
    output_price_per_1k  numeric(12, 6) NOT NULL CHECK (output_price_per_1k >= 0),
    max_output_tokens    integer NOT NULL CHECK (max_output_tokens > 0),
    requests_per_minute  integer NOT NULL CHECK (requests_per_minute > 0),
    enabled              boolean NOT NULL,
    priority             integer NOT NULL,
    -- Set when an admin changed the row: configuration seeding no longer overwrites it.
    edited_at            timestamptz,
    updated_at           timestamptz NOT NULL DEFAULT now()
);

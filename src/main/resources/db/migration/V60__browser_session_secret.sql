-- The key that signs browser session cookies, shared by every instance (so any instance can serve any browser).
-- Set REVIEWER_SESSION_SECRET to manage it yourself; otherwise the first instance generates one here.
CREATE TABLE browser_session_secret (
    id         smallint PRIMARY KEY CHECK (id = 1),
    secret     bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

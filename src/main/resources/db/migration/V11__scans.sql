-- Uploaded archives wait here (not on one server's disk) until a worker in any process scans them.
CREATE TABLE scan_archives (
    id         uuid PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    file_name  text NOT NULL,
    format     text NOT NULL CHECK (format IN ('zip', 'tar.gz')),
    size_bytes bigint NOT NULL,
    content    bytea NOT NULL,
    created_at timestamptz NOT NULL
);

-- One scan per job: a re-run of the job replaces it (delete + insert in one transaction).
CREATE TABLE scans (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    job_id        uuid NOT NULL UNIQUE REFERENCES jobs (id) ON DELETE CASCADE,
    repository_id uuid,
    source        text NOT NULL,
    files_scanned int NOT NULL,
    bytes_scanned bigint NOT NULL,
    critical      int NOT NULL,
    high          int NOT NULL,
    medium        int NOT NULL,
    low           int NOT NULL,
    info          int NOT NULL,
    score         int NOT NULL CHECK (score BETWEEN 0 AND 100),
    duration_ms   bigint NOT NULL,
    sarif         text NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX scans_tenant_created_idx ON scans (tenant_id, created_at DESC);
CREATE INDEX scans_repository_idx ON scans (repository_id, created_at DESC) WHERE repository_id IS NOT NULL;

CREATE TABLE findings (
    scan_id      uuid NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    position     int NOT NULL,
    rule         text NOT NULL,
    severity     text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
    confidence   text NOT NULL,
    file         text NOT NULL,
    line         int NOT NULL,
    start_column int NOT NULL,
    end_line     int NOT NULL,
    end_column   int NOT NULL,
    message      text NOT NULL,
    remediation  text NOT NULL,
    snippet      text NOT NULL,
    fingerprint  text NOT NULL,
    PRIMARY KEY (scan_id, position)
);
CREATE INDEX findings_scan_rule_idx ON findings (scan_id, rule);

-- OSV advisories for the platform's dependency scans (AR-DEP-001). Public data shared by every
-- tenant: nothing here belongs to a tenant. The raw OSV document is kept so matching reads it with
-- the same parser as the CLI's local store.
CREATE TABLE advisories (
  id          text PRIMARY KEY,
  modified    timestamptz NOT NULL,
  document    jsonb NOT NULL,
  imported_at timestamptz NOT NULL
);

-- One row per (package, advisory): how a scan finds the advisories of the packages it uses.
-- package_key is "<ecosystem in lower case> <name>" (PyPI names PEP 503-normalised).
CREATE TABLE advisory_packages (
  package_key text NOT NULL,
  ecosystem   text NOT NULL,
  advisory_id text NOT NULL REFERENCES advisories (id) ON DELETE CASCADE,
  PRIMARY KEY (package_key, advisory_id)
);
CREATE INDEX advisory_packages_by_advisory ON advisory_packages (advisory_id);

-- Every import, for "status" (last import and its counts).
CREATE TABLE advisory_imports (
  id          bigserial PRIMARY KEY,
  finished_at timestamptz NOT NULL,
  read        integer NOT NULL,
  added       integer NOT NULL,
  updated     integer NOT NULL,
  unchanged   integer NOT NULL,
  withdrawn   integer NOT NULL
);

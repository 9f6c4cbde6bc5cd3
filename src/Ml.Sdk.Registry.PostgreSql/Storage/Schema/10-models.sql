-- The model registry, as in the SQLite schema. Versions are immutable once inserted (only status moves
-- Ready -> Deleted); artifact rows point at content-addressed blobs in the shared artifacts folder, written and renamed
-- into place before the version row is inserted. last_version counts registrations, so numbers are never reused.
-- Times are ISO 8601 text in UTC, as in SQLite, so both stores read and write them the same way.
CREATE TABLE IF NOT EXISTS registered_models (
    name         TEXT    COLLATE "C" PRIMARY KEY,
    created_at   TEXT    NOT NULL,
    last_version INTEGER NOT NULL DEFAULT 0,
    description  TEXT
);

CREATE TABLE IF NOT EXISTS model_tags (
    model_name TEXT COLLATE "C" NOT NULL REFERENCES registered_models (name),
    key        TEXT COLLATE "C" NOT NULL,
    value      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (model_name, key)
);

CREATE TABLE IF NOT EXISTS model_versions (
    model_name          TEXT    COLLATE "C" NOT NULL REFERENCES registered_models (name),
    version             INTEGER NOT NULL CHECK (version >= 1),
    format              TEXT    NOT NULL,
    signature           TEXT,
    description         TEXT,
    creator             TEXT,
    run_id              TEXT,
    dataset_fingerprint TEXT,
    parent_version      INTEGER,
    created_at          TEXT    NOT NULL,
    status              TEXT    NOT NULL,
    PRIMARY KEY (model_name, version)
);

CREATE TABLE IF NOT EXISTS version_artifacts (
    model_name TEXT    COLLATE "C" NOT NULL,
    version    INTEGER NOT NULL,
    file_name  TEXT    COLLATE "C" NOT NULL,
    sha256     TEXT    NOT NULL,
    length     BIGINT  NOT NULL,
    -- SQLite's implicit rowid, made explicit: artifacts are listed in the order they were registered (ORDER BY rowid).
    rowid      BIGINT  GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (model_name, version, file_name),
    FOREIGN KEY (model_name, version) REFERENCES model_versions (model_name, version)
);

-- Purge asks "does any other version still use this blob?".
CREATE INDEX IF NOT EXISTS ix_version_artifacts_sha256 ON version_artifacts (sha256);

CREATE TABLE IF NOT EXISTS version_tags (
    model_name TEXT    COLLATE "C" NOT NULL,
    version    INTEGER NOT NULL,
    key        TEXT    COLLATE "C" NOT NULL,
    value      TEXT    COLLATE "C" NOT NULL,
    PRIMARY KEY (model_name, version, key),
    FOREIGN KEY (model_name, version) REFERENCES model_versions (model_name, version)
);

CREATE TABLE IF NOT EXISTS version_feature_views (
    model_name   TEXT    COLLATE "C" NOT NULL,
    version      INTEGER NOT NULL,
    ordinal      INTEGER NOT NULL,
    name         TEXT    COLLATE "C" NOT NULL,
    view_version INTEGER NOT NULL,
    PRIMARY KEY (model_name, version, ordinal),
    FOREIGN KEY (model_name, version) REFERENCES model_versions (model_name, version)
);

CREATE TABLE IF NOT EXISTS model_aliases (
    model_name TEXT    COLLATE "C" NOT NULL,
    alias      TEXT    COLLATE "C" NOT NULL,
    version    INTEGER NOT NULL,
    PRIMARY KEY (model_name, alias),
    FOREIGN KEY (model_name, version) REFERENCES model_versions (model_name, version)
);

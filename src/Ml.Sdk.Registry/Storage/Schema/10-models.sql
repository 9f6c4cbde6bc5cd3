-- The model registry. Versions are immutable once inserted (only status moves Ready -> Deleted); artifact rows point at
-- content-addressed blobs under artifacts/sha256/, written and renamed into place before the version row is inserted.
-- last_version counts registrations, so that numbers are never reused, not even after the highest version is purged.
CREATE TABLE IF NOT EXISTS registered_models (
    name         TEXT    PRIMARY KEY NOT NULL,
    created_at   TEXT    NOT NULL,
    last_version INTEGER NOT NULL DEFAULT 0,
    description  TEXT
);

CREATE TABLE IF NOT EXISTS model_tags (
    model_name TEXT NOT NULL REFERENCES registered_models (name),
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (model_name, key)
);

CREATE TABLE IF NOT EXISTS model_versions (
    model_name          TEXT    NOT NULL REFERENCES registered_models (name),
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
    model_name TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    file_name  TEXT    NOT NULL,
    sha256     TEXT    NOT NULL,
    length     INTEGER NOT NULL,
    PRIMARY KEY (model_name, version, file_name),
    FOREIGN KEY (model_name, version) REFERENCES model_versions (model_name, version)
);

-- Purge asks "does any other version still use this blob?".
CREATE INDEX IF NOT EXISTS ix_version_artifacts_sha256 ON version_artifacts (sha256);

CREATE TABLE IF NOT EXISTS version_tags (
    model_name TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    key        TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    PRIMARY KEY (model_name, version, key),
    FOREIGN KEY (model_name, version) REFERENCES model_versions (model_name, version)
);

CREATE TABLE IF NOT EXISTS version_feature_views (
    model_name   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    ordinal      INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    view_version INTEGER NOT NULL,
    PRIMARY KEY (model_name, version, ordinal),
    FOREIGN KEY (model_name, version) REFERENCES model_versions (model_name, version)
);

CREATE TABLE IF NOT EXISTS model_aliases (
    model_name TEXT    NOT NULL,
    alias      TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    PRIMARY KEY (model_name, alias),
    FOREIGN KEY (model_name, version) REFERENCES model_versions (model_name, version)
);

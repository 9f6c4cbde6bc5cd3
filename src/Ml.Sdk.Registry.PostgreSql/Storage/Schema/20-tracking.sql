-- Experiment tracking, as in the SQLite schema. The model registry's purge reads run_artifacts (a blob that a run
-- artifact uses is kept), so these tables exist in every registry database.
CREATE TABLE IF NOT EXISTS experiments (
    experiment_id BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          TEXT    COLLATE "C" NOT NULL UNIQUE,
    created_at    TEXT    NOT NULL
);

CREATE TABLE IF NOT EXISTS runs (
    run_id        TEXT    COLLATE "C" PRIMARY KEY,
    experiment_id BIGINT  NOT NULL REFERENCES experiments (experiment_id),
    name          TEXT,
    status        TEXT    NOT NULL,
    start_time    TEXT    NOT NULL,
    end_time      TEXT
);
CREATE INDEX IF NOT EXISTS runs_by_experiment ON runs (experiment_id, start_time);

CREATE TABLE IF NOT EXISTS run_params (
    run_id TEXT COLLATE "C" NOT NULL REFERENCES runs (run_id),
    key    TEXT COLLATE "C" NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
);

CREATE TABLE IF NOT EXISTS run_tags (
    run_id TEXT COLLATE "C" NOT NULL REFERENCES runs (run_id),
    key    TEXT COLLATE "C" NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
);

-- DOUBLE PRECISION stores NaN and the infinities as they are (SQLite turns NaN into NULL).
CREATE TABLE IF NOT EXISTS run_metrics (
    sequence  BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id    TEXT    COLLATE "C" NOT NULL REFERENCES runs (run_id),
    key       TEXT    COLLATE "C" NOT NULL,
    value     DOUBLE PRECISION,
    step      BIGINT  NOT NULL,
    timestamp TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS run_metrics_by_key ON run_metrics (run_id, key, step);

-- A run's artifacts: file names immutable per run, contents in the shared content-addressed store.
CREATE TABLE IF NOT EXISTS run_artifacts (
    run_id    TEXT    COLLATE "C" NOT NULL REFERENCES runs (run_id),
    file_name TEXT    COLLATE "C" NOT NULL,
    sha256    TEXT    NOT NULL,
    length    BIGINT  NOT NULL,
    logged_at TEXT    NOT NULL,
    PRIMARY KEY (run_id, file_name)
);

-- Purge asks "does a run artifact still use this blob?".
CREATE INDEX IF NOT EXISTS run_artifacts_by_sha256 ON run_artifacts (sha256);

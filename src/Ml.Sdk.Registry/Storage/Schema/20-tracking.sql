-- Experiment tracking: experiments own runs; a run's params are immutable, its metrics an append-only series.
CREATE TABLE IF NOT EXISTS experiments (
    experiment_id INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT    NOT NULL UNIQUE,
    created_at    TEXT    NOT NULL
);

CREATE TABLE IF NOT EXISTS runs (
    run_id        TEXT    PRIMARY KEY,
    experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
    name          TEXT,
    status        TEXT    NOT NULL,
    start_time    TEXT    NOT NULL,
    end_time      TEXT
);
CREATE INDEX IF NOT EXISTS runs_by_experiment ON runs (experiment_id, start_time);

CREATE TABLE IF NOT EXISTS run_params (
    run_id TEXT NOT NULL REFERENCES runs (run_id),
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
);

CREATE TABLE IF NOT EXISTS run_tags (
    run_id TEXT NOT NULL REFERENCES runs (run_id),
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
);

-- value is NULL only for NaN: SQLite stores NaN as NULL, while it keeps infinities.
CREATE TABLE IF NOT EXISTS run_metrics (
    sequence  INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id    TEXT    NOT NULL REFERENCES runs (run_id),
    key       TEXT    NOT NULL,
    value     REAL,
    step      INTEGER NOT NULL,
    timestamp TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS run_metrics_by_key ON run_metrics (run_id, key, step);

-- A run's artifacts: file names immutable per run, contents in the shared content-addressed store.
CREATE TABLE IF NOT EXISTS run_artifacts (
    run_id    TEXT    NOT NULL REFERENCES runs (run_id),
    file_name TEXT    NOT NULL,
    sha256    TEXT    NOT NULL,
    length    INTEGER NOT NULL,
    logged_at TEXT    NOT NULL,
    PRIMARY KEY (run_id, file_name)
);

-- Every change to models, versions and aliases gets a row here, in the same transaction as the change itself:
-- the monotonic sequence lets other processes find changes by polling (WatchAsync).
CREATE TABLE IF NOT EXISTS changes (
    sequence    INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT    NOT NULL,
    model_name  TEXT    NOT NULL,
    version     INTEGER,
    alias       TEXT,
    occurred_at TEXT    NOT NULL
);

-- Every change to models, versions and aliases gets a row here, in the same transaction as the change itself:
-- the monotonic sequence lets other processes find changes by polling (WatchAsync). Names compare and sort
-- byte-wise (COLLATE "C"), as in SQLite, whatever the database's default collation.
CREATE TABLE IF NOT EXISTS changes (
    sequence    BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        TEXT    NOT NULL,
    model_name  TEXT    COLLATE "C" NOT NULL,
    version     INTEGER,
    alias       TEXT    COLLATE "C",
    occurred_at TEXT    NOT NULL
);

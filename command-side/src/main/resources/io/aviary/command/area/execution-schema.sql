-- State of the AREA execution process (issue 4), written in the same transaction as its tracking token, so a batch
-- is either fully applied or retried. Executions and their task rows are dropped when the execution completes.
CREATE TABLE IF NOT EXISTS area_definitions (
    area_id VARCHAR(64) NOT NULL,
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    PRIMARY KEY (area_id, version)
);

CREATE TABLE IF NOT EXISTS area_running_executions (
    execution_id VARCHAR(64) NOT NULL PRIMARY KEY,
    area_id VARCHAR(64) NOT NULL,
    version INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS area_execution_tasks (
    task_id VARCHAR(64) NOT NULL PRIMARY KEY,
    area_id VARCHAR(64) NOT NULL,
    execution_id VARCHAR(64) NOT NULL,
    role VARCHAR(16) NOT NULL,
    idx INTEGER
);

CREATE INDEX IF NOT EXISTS area_execution_tasks_by_execution ON area_execution_tasks (execution_id);

CREATE TABLE IF NOT EXISTS area_poll_hashes (
    area_id VARCHAR(64) NOT NULL PRIMARY KEY,
    last_hash VARCHAR(200) NOT NULL
);

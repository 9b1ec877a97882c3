-- Run by AccountConfiguration at start (not by spring.sql.init: schema.sql belongs to the Axon tables), hence
-- IF NOT EXISTS. Written by the "accounting" tracking processor in the transaction of its token.
CREATE TABLE IF NOT EXISTS task_prices (
    task_id VARCHAR(255) NOT NULL PRIMARY KEY,
    fee BIGINT NOT NULL,
    reward BIGINT NOT NULL
);

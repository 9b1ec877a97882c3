-- Run by PersonConfiguration at start (not by spring.sql.init: schema.sql belongs to the Axon tables), hence
-- IF NOT EXISTS. Written by the "person-workers" tracking processor in the transaction of its token:
-- UserRolesChanged carries no username, and the worker is named after it. last_sequence is the user aggregate's
-- sequence number of the last event applied: an event at or below it is a redelivery or a replay, and is skipped.
CREATE TABLE IF NOT EXISTS person_workers (
    user_id VARCHAR(255) NOT NULL PRIMARY KEY,
    username VARCHAR(255) NOT NULL,
    is_worker BOOLEAN NOT NULL,
    last_sequence BIGINT NOT NULL
);

-- Run by AccountConfiguration at start (not by spring.sql.init: schema.sql belongs to the Axon tables), hence
-- IF NOT EXISTS. Written by the "accounting" tracking processor in the transaction of its token.
CREATE TABLE IF NOT EXISTS task_prices (
    task_id VARCHAR(255) NOT NULL PRIMARY KEY,
    fee BIGINT NOT NULL,
    reward BIGINT NOT NULL
);

-- Axon's JdbcSequencedDeadLetterQueue for the "accounting" processor (ADR 16): an event whose accounting fails is
-- parked here with the rest of its task's (or worker's) events, and the other accounts go on. Axon's
-- GenericDeadLetterTableFactory DDL with PostgreSQL types, and IF NOT EXISTS on the indexes too.
CREATE TABLE IF NOT EXISTS DeadLetterEntry (
    deadLetterIdentifier VARCHAR(255) NOT NULL,
    processingGroup VARCHAR(255) NOT NULL,
    sequenceIdentifier VARCHAR(255) NOT NULL,
    sequenceIndex BIGINT NOT NULL,
    messageType VARCHAR(255) NOT NULL,
    eventIdentifier VARCHAR(255) NOT NULL,
    timestamp VARCHAR(255) NOT NULL,
    payloadType VARCHAR(255) NOT NULL,
    payloadRevision VARCHAR(255),
    payload BYTEA NOT NULL,
    metaData BYTEA,
    type VARCHAR(255),
    aggregateIdentifier VARCHAR(255),
    sequenceNumber BIGINT,
    tokenType VARCHAR(255),
    token BYTEA,
    enqueuedAt VARCHAR(255) NOT NULL,
    lastTouched VARCHAR(255),
    processingStarted VARCHAR(255),
    causeType VARCHAR(255),
    causeMessage VARCHAR(1023),
    diagnostics BYTEA,
    CONSTRAINT dead_letter_entry_pk PRIMARY KEY (deadLetterIdentifier),
    CONSTRAINT dead_letter_entry_sequence UNIQUE (processingGroup, sequenceIdentifier, sequenceIndex)
);
CREATE INDEX IF NOT EXISTS dead_letter_entry_group ON DeadLetterEntry (processingGroup);
CREATE INDEX IF NOT EXISTS dead_letter_entry_group_sequence ON DeadLetterEntry (processingGroup, sequenceIdentifier);

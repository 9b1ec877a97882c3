-- Axon 4.13 JDBC tables on PostgreSQL, run at every start (spring.sql.init.mode=always), hence IF NOT EXISTS.
-- Names and types are those of Axon's default EventSchema/TokenSchema/SagaSchema as created by
-- PostgresEventTableFactory, PostgresTokenTableFactory and PostgresSagaSqlSchema (bytea, never oid large objects);
-- EventStoreIntegrationTest compares them with what those factories create.

CREATE TABLE IF NOT EXISTS DomainEventEntry (
    globalIndex BIGSERIAL NOT NULL,
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber BIGINT NOT NULL,
    type VARCHAR(255),
    eventIdentifier VARCHAR(255) NOT NULL,
    metaData bytea,
    payload bytea NOT NULL,
    payloadRevision VARCHAR(255),
    payloadType VARCHAR(255) NOT NULL,
    timeStamp VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalIndex),
    UNIQUE (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE IF NOT EXISTS SnapshotEventEntry (
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber BIGINT NOT NULL,
    type VARCHAR(255) NOT NULL,
    eventIdentifier VARCHAR(255) NOT NULL,
    metaData bytea,
    payload bytea NOT NULL,
    payloadRevision VARCHAR(255),
    payloadType VARCHAR(255) NOT NULL,
    timeStamp VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE IF NOT EXISTS TokenEntry (
    processorName VARCHAR(255) NOT NULL,
    segment INTEGER NOT NULL,
    token bytea NULL,
    tokenType VARCHAR(255) NULL,
    timestamp VARCHAR(255) NULL,
    owner VARCHAR(255) NULL,
    PRIMARY KEY (processorName, segment)
);

CREATE TABLE IF NOT EXISTS AssociationValueEntry (
    id bigserial NOT NULL,
    associationKey VARCHAR(255),
    associationValue VARCHAR(255),
    sagaId VARCHAR(255),
    sagaType VARCHAR(255),
    PRIMARY KEY (id)
);

CREATE TABLE IF NOT EXISTS SagaEntry (
    sagaId VARCHAR(255) NOT NULL,
    revision VARCHAR(255),
    sagaType VARCHAR(255),
    serializedSaga bytea,
    PRIMARY KEY (sagaId)
);

-- Not created by Axon's factories: the saga store looks associations up by these columns.
CREATE INDEX IF NOT EXISTS association_value_lookup
    ON AssociationValueEntry (sagaType, associationKey, associationValue);
CREATE INDEX IF NOT EXISTS association_value_by_saga
    ON AssociationValueEntry (sagaId, sagaType);

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

-- Commit guard (ADR 0017). A transaction that appended events must commit within a bound, or not at all: tracking
-- processors wait for the gap its events leave in globalIndex only so long (aviary.event-store.*), then skip them for
-- good. The bound is the session's aviary.max_event_transaction_ms (command-side passes
-- aviary.event-store.max-transaction-duration to every connection), 10000 if unset (that property's default). It is
-- checked at COMMIT on the database's clock, so a writer stalled between its last statement and its commit is caught
-- too; transactions that append no events are not concerned. Created only when missing (replacing it at every start
-- would race between replicas starting together): a changed body needs a migration. The DO body is single-quoted
-- because the script runner splits on ';' outside quotes.
DO '
BEGIN
    IF to_regproc(''aviary_refuse_late_event_commit'') IS NULL THEN
        CREATE FUNCTION aviary_refuse_late_event_commit() RETURNS trigger LANGUAGE plpgsql AS $guard$
        DECLARE
            bound_ms bigint := coalesce(nullif(current_setting(''aviary.max_event_transaction_ms'', true), ''''),
                                        ''10000'');
            open_for interval := clock_timestamp() - transaction_timestamp();
        BEGIN
            IF open_for > bound_ms * interval ''1 millisecond'' THEN
                RAISE EXCEPTION ''transaction appending events open for %, longer than aviary.max_event_transaction_ms''
                                '' (% ms)'', open_for, bound_ms
                    USING ERRCODE = ''57014'',
                          HINT = ''rolled back: tracking processors would have skipped its events (ADR 0017)'';
            END IF;
            RETURN NULL;
        END
        $guard$;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = ''domainevententry_commit_guard''
                   AND tgrelid = ''domainevententry''::regclass) THEN
        CREATE CONSTRAINT TRIGGER domainevententry_commit_guard AFTER INSERT ON DomainEventEntry
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION aviary_refuse_late_event_commit();
    END IF;
END';

-- Run by BillingConfiguration at start (not by spring.sql.init: schema.sql belongs to the Axon tables), hence
-- IF NOT EXISTS. Written by the "billing-accounts" tracking processor in the transaction of its token.
CREATE TABLE IF NOT EXISTS billing_accounts (
    account_id VARCHAR(255) NOT NULL PRIMARY KEY,
    worker_id VARCHAR(255) NOT NULL,
    opened_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_closed_date DATE
);

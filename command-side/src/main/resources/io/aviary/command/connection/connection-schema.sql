-- Named credentials of AREA actions and reactions (issue 4). Never events: the secret column holds AES-256-GCM
-- ciphertext (SecretBox, key AVIARY_SECRETS_KEY); the plaintext is never stored.
CREATE TABLE IF NOT EXISTS connections (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    type VARCHAR(16) NOT NULL,
    secret BYTEA NOT NULL,
    created_by VARCHAR(255),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

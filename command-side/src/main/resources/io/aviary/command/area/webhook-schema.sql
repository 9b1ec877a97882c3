-- Webhook secrets of AREAs (issue 4): AES-256-GCM ciphertext (SecretBox, key AVIARY_SECRETS_KEY), never in events,
-- logs or read models. A secret is stored, not hashed: checking an HMAC signature needs the key itself.
CREATE TABLE IF NOT EXISTS area_webhooks (
    hook_id VARCHAR(64) NOT NULL PRIMARY KEY,
    area_id VARCHAR(64) NOT NULL,
    secret BYTEA NOT NULL,
    rotated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

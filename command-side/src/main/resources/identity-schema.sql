-- Identity tables (issue 3), run at every start after schema.sql (spring.sql.init.schema-locations), hence IF NOT
-- EXISTS. Secrets never go into events (the log is forever): they live here, and only as hashes where the server
-- does not need them back (passwords: bcrypt; random 256-bit tokens and secrets: SHA-256, hex).

-- RSA signing keys, shared by all replicas: published from created_at, signing from activates_at until retired_at.
CREATE TABLE IF NOT EXISTS signing_keys (
    kid VARCHAR(64) NOT NULL,
    public_key bytea NOT NULL,   -- X.509 SubjectPublicKeyInfo, DER
    private_key bytea NOT NULL,  -- PKCS#8, DER
    created_at TIMESTAMPTZ NOT NULL,
    activates_at TIMESTAMPTZ NOT NULL,
    retired_at TIMESTAMPTZ,
    PRIMARY KEY (kid)
);

-- user_id = UserIds.forUsername(username), which is case-insensitive: the key also makes usernames unique in any case.
CREATE TABLE IF NOT EXISTS user_credentials (
    user_id VARCHAR(36) NOT NULL,
    username VARCHAR(100) NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id),
    UNIQUE (username)
);

-- Current roles per user, written from UserCreated/UserRolesChanged in the transaction that appends them.
CREATE TABLE IF NOT EXISTS user_roles (
    user_id VARCHAR(36) NOT NULL,
    role VARCHAR(20) NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- Failed logins per username key (UserIds.forUsername, for existing and unknown usernames alike).
CREATE TABLE IF NOT EXISTS login_throttle (
    username_key VARCHAR(36) NOT NULL,
    failures INTEGER NOT NULL,
    window_started_at TIMESTAMPTZ NOT NULL,
    locked_until TIMESTAMPTZ,
    PRIMARY KEY (username_key)
);

-- One family per login; every refresh token descends from one, and revoking the family revokes them all.
CREATE TABLE IF NOT EXISTS refresh_token_families (
    family_id VARCHAR(36) NOT NULL,
    user_id VARCHAR(36) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ,
    revoked_reason VARCHAR(20),
    PRIMARY KEY (family_id)
);

CREATE TABLE IF NOT EXISTS refresh_tokens (
    token_hash CHAR(64) NOT NULL,
    family_id VARCHAR(36) NOT NULL REFERENCES refresh_token_families (family_id),
    issued_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    spent_at TIMESTAMPTZ,
    PRIMARY KEY (token_hash)
);

CREATE INDEX IF NOT EXISTS refresh_tokens_by_family ON refresh_tokens (family_id);

-- One-time agent enrolment tokens; name, if set, is the only worker name the token enrols.
CREATE TABLE IF NOT EXISTS enrolment_tokens (
    token_hash CHAR(64) NOT NULL,
    name VARCHAR(200),
    created_by VARCHAR(36) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    spent_at TIMESTAMPTZ,
    worker_id VARCHAR(36),
    PRIMARY KEY (token_hash)
);

CREATE TABLE IF NOT EXISTS agent_credentials (
    worker_id VARCHAR(36) NOT NULL,
    name VARCHAR(200) NOT NULL,
    hardware_id VARCHAR(255) NOT NULL,
    secret_hash CHAR(64) NOT NULL,
    enrolled_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (worker_id),
    UNIQUE (name)
);

-- Users deleted by an admin (issue 7): access tokens issued to one at or before deleted_at are refused by the command
-- side. The row stays when the username is created again: the new user's tokens are younger.
CREATE TABLE IF NOT EXISTS deleted_users (
    user_id VARCHAR(36) NOT NULL,
    deleted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id)
);

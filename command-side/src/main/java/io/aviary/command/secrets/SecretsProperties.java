package io.aviary.command.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Encryption of stored secrets (connection credentials, webhook secrets).
 *
 * @param key the AES-256 key, base64 of 32 bytes (env {@code AVIARY_SECRETS_KEY}; e.g. {@code openssl rand -base64
 *            32}). Every replica needs the same key. Unset: profile {@code prod} refuses to start; otherwise a key is
 *            generated for this run only, and what is stored with it cannot be read after a restart.
 */
@ConfigurationProperties("aviary.secrets")
public record SecretsProperties(String key) {
}

package io.aviary.command.secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.security.SecureRandom;

/**
 * The {@link SecretBox} of this replica, from {@code AVIARY_SECRETS_KEY}. Checked while the context starts: with
 * profile {@code prod} and no key, or with a key that is not 32 bytes of base64, the application does not start.
 */
@Configuration(proxyBeanMethods = false)
public class SecretsConfiguration {

    static final String PRODUCTION_PROFILE = "prod";
    private static final Logger LOG = LoggerFactory.getLogger(SecretsConfiguration.class);

    @Bean
    public SecretBox secretBox(SecretsProperties properties, Environment environment) {
        SecureRandom random = new SecureRandom();
        String key = properties.key();
        if (key != null && !key.isBlank()) {
            return SecretBox.ofBase64Key(key, random);
        }
        if (environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE))) {
            throw new IllegalStateException("AVIARY_SECRETS_KEY (aviary.secrets.key) must be set with profile '"
                    + PRODUCTION_PROFILE + "': base64 of 32 random bytes (openssl rand -base64 32), the same on every "
                    + "replica; it encrypts connection credentials and webhook secrets");
        }
        LOG.warn("AVIARY_SECRETS_KEY is not set: secrets are encrypted with a key generated for this run only; "
                + "connections and webhook secrets stored now cannot be read after a restart, nor by other replicas");
        byte[] generated = new byte[SecretBox.KEY_BYTES];
        random.nextBytes(generated);
        return new SecretBox(generated, random);
    }
}

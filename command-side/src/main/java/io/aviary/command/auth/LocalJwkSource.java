package io.aviary.command.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The published signing keys as a Nimbus key source, for verifying tokens in this process without fetching our own
 * JWKS over HTTP. A {@code kid} not (yet) known here makes it read the key table again once.
 */
@Component
public class LocalJwkSource implements JWKSource<SecurityContext> {

    private final SigningKeys keys;

    public LocalJwkSource(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> found = selector.select(jwkSet());
        if (found.isEmpty()) {
            keys.reloadSoon();
            found = selector.select(jwkSet());
        }
        return found;
    }

    /** The public JWKS, as served at {@code /.well-known/jwks.json}. */
    public JWKSet jwkSet() {
        return new JWKSet(keys.publishedKeys().stream().map(key -> (JWK) key.toPublicJwk()).toList());
    }
}

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
 * JWKS over HTTP. A {@code kid} not (yet) known here makes it read the key table again once. The key set is built
 * once per set of published keys, not per verified token (ADR 16).
 */
@Component
public class LocalJwkSource implements JWKSource<SecurityContext> {

    private final SigningKeys keys;
    private volatile Published published;

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
        List<SigningKey> current = keys.publishedKeys();
        List<String> kids = current.stream().map(SigningKey::kid).toList();
        Published known = published;
        if (known == null || !known.kids().equals(kids)) {
            known = new Published(kids, new JWKSet(current.stream().map(key -> (JWK) key.toPublicJwk()).toList()));
            published = known;
        }
        return known.set();
    }

    /** Whether the key {@code kid} is published now (a retired key past its grace is not). */
    public boolean publishes(String kid) {
        return kid != null && jwkSet().getKeyByKeyId(kid) != null;
    }

    /** The key ids (RFC 7638 thumbprints, so one id is one key) and the set built from them. */
    private record Published(List<String> kids, JWKSet set) {
    }
}

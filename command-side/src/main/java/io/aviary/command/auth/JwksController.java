package io.aviary.command.auth;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.annotation.security.PermitAll;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Map;

/** The public keys that verify Aviary's access tokens, for query-side, agents and anyone else. */
@RestController
public class JwksController {

    /** Short enough that verifiers see a rotated-in key well within the publish delay. */
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic();

    private final LocalJwkSource keys;

    public JwksController(LocalJwkSource keys) {
        this.keys = keys;
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = "application/json")
    @PermitAll
    @Operation(summary = "JSON Web Key Set of the access-token signing keys (RS256): active, next and "
            + "recently retired keys")
    public ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CACHE).body(keys.jwkSet().toJSONObject(true));
    }
}

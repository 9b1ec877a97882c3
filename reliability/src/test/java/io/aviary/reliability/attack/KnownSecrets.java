package io.aviary.reliability.attack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every secret the attack tests used in this JVM (passwords, access and refresh tokens, agent secrets, enrolment
 * tokens, webhook and connection secrets), by what it is: the secrets scan looks for each of them everywhere.
 */
final class KnownSecrets {

    private static final Map<String, String> SECRETS = new LinkedHashMap<>();

    private KnownSecrets() {
    }

    static synchronized void add(String what, String secret) {
        if (secret != null && secret.length() >= 8) {
            SECRETS.putIfAbsent(secret, what);
        }
    }

    /** Secret -> what it is. */
    static synchronized Map<String, String> all() {
        return new LinkedHashMap<>(SECRETS);
    }
}

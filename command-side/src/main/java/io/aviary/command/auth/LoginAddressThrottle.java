package io.aviary.command.auth;

import io.aviary.command.security.AuthProperties;
import io.aviary.command.security.SecurityLog;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins per client address ({@code aviary.auth.login.ip-*}), on top of the per-username lock: one
 * address trying many usernames (credential stuffing) gets {@code ipMaxFailures} failures per window, then every login
 * from it answers 429 until the window ends, before any password is hashed. Successful logins do not reset the count
 * (one good password must not buy another window of guesses). In memory per replica: with N replicas an address gets
 * up to N times the limit; a restart forgets the counts.
 */
@Component
public class LoginAddressThrottle {

    /** Addresses tracked at most; beyond, expired windows are dropped, and new addresses are not tracked. */
    static final int MAX_TRACKED = 100_000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final Duration window;

    public LoginAddressThrottle(AuthProperties properties) {
        this.maxFailures = properties.login().ipMaxFailures();
        this.window = properties.login().ipWindow();
    }

    /** Until when logins from {@code address} are refused, if they are at {@code now}. */
    public Optional<Instant> blockedUntil(String address, Instant now) {
        Window current = windows.get(address);
        if (current == null || !current.end().isAfter(now) || current.failures() < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(current.end());
    }

    /** Counts a failed login from {@code address}. */
    public void recordFailure(String address, Instant now) {
        if (windows.size() >= MAX_TRACKED) {
            windows.values().removeIf(expired -> !expired.end().isAfter(now));
            if (windows.size() >= MAX_TRACKED && !windows.containsKey(address)) {
                return; // a flood from very many addresses: the per-username lock still holds
            }
        }
        Window counted = windows.compute(address, (key, current) -> current == null || !current.end().isAfter(now)
                ? new Window(now.plus(window), 1) : new Window(current.end(), current.failures() + 1));
        if (counted.failures() == maxFailures) {
            SecurityLog.notice("Logins from {} refused until {} after {} failed logins", address, counted.end(),
                    maxFailures);
        }
    }

    private record Window(Instant end, int failures) {
    }
}

package io.aviary.command.area.webhook;

import io.aviary.command.secrets.SecretBox;
import org.springframework.jdbc.core.JdbcTemplate;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Webhook ids and their secrets. A secret is 32 random bytes, shown once as base64url text (the HMAC key is that
 * text), stored encrypted ({@link SecretBox}, associated data {@code webhook:<hookId>}); never in an event, a log line
 * or a read model.
 */
public class Webhooks {

    /** A hook's AREA and current secret. */
    public record Hook(String hookId, String areaId, String secret) {

        @Override
        public String toString() {
            return "Hook[hookId=" + hookId + ", areaId=" + areaId + ", secret=***]";
        }
    }

    private static final int SECRET_BYTES = 32;

    private final JdbcTemplate jdbc;
    private final SecretBox box;
    private final SecureRandom random;
    private final Clock clock;

    public Webhooks(JdbcTemplate jdbc, SecretBox box, SecureRandom random, Clock clock) {
        this.jdbc = jdbc;
        this.box = box;
        this.random = random;
        this.clock = clock;
    }

    /** A new hook of an AREA about to be created; its secret is stored at once (before the AREA exists). */
    public Hook create(String areaId) {
        Hook hook = new Hook(UUID.randomUUID().toString(), areaId, newSecret());
        jdbc.update("INSERT INTO area_webhooks (hook_id, area_id, secret, rotated_at) VALUES (?, ?, ?, ?)",
                hook.hookId(), areaId, box.encrypt(hook.secret(), context(hook.hookId())),
                Timestamp.from(clock.instant()));
        return hook;
    }

    /** Replaces a hook's secret; the old one stops working at once. */
    public Hook rotate(String hookId, String areaId) {
        Hook hook = new Hook(hookId, areaId, newSecret());
        int updated = jdbc.update("UPDATE area_webhooks SET secret = ?, rotated_at = ? WHERE hook_id = ?",
                box.encrypt(hook.secret(), context(hookId)), Timestamp.from(clock.instant()), hookId);
        if (updated == 0) {
            jdbc.update("INSERT INTO area_webhooks (hook_id, area_id, secret, rotated_at) VALUES (?, ?, ?, ?)",
                    hookId, areaId, box.encrypt(hook.secret(), context(hookId)), Timestamp.from(clock.instant()));
        }
        return hook;
    }

    /**
     * The hook, with its secret in clear, if it exists.
     *
     * @throws io.aviary.command.secrets.SecretUnreadableException when the secret does not decrypt (another key)
     */
    public Optional<Hook> find(String hookId) {
        List<Hook> hooks = jdbc.query("SELECT area_id, secret FROM area_webhooks WHERE hook_id = ?",
                (rs, row) -> new Hook(hookId, rs.getString(1), box.decryptToString(rs.getBytes(2), context(hookId))),
                hookId);
        return hooks.stream().findFirst();
    }

    /** Forgets a hook (its AREA was deleted). */
    public void delete(String hookId) {
        jdbc.update("DELETE FROM area_webhooks WHERE hook_id = ?", hookId);
    }

    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String context(String hookId) {
        return "webhook:" + hookId;
    }
}

package io.aviary.command.area.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * {@code X-Aviary-Signature: sha256=<hex HMAC-SHA256 of the raw body>}, keyed with the webhook secret's text (as
 * {@code openssl dgst -sha256 -hmac "$SECRET"} does). Checked over the raw bytes received, before any parsing, and
 * compared in constant time ({@link MessageDigest#isEqual}) so the answer time tells nothing about how much of a
 * guess was right.
 */
public final class WebhookSignature {

    /** The signature header. */
    public static final String HEADER = "X-Aviary-Signature";
    /** The delivery id header. */
    public static final String DELIVERY_HEADER = "X-Aviary-Delivery";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** The header value for a body signed with a secret (for senders, the README and tests). */
    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    /** Whether {@code header} is a valid signature of {@code body} with {@code secret}. */
    public static boolean verify(String secret, byte[] body, String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, body), given);
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

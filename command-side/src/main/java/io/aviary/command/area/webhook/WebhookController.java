package io.aviary.command.area.webhook;

import io.aviary.command.area.AreaCommands.FireArea;
import io.aviary.command.area.FireRejectedException;
import io.aviary.command.area.webhook.Webhooks.Hook;
import io.aviary.command.secrets.SecretUnreadableException;
import io.aviary.command.security.SecurityLog;
import io.aviary.command.web.CommandSender;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /webhooks/{service}/{hookId}}: a signed delivery fires its AREA. No token: the HMAC signature is the
 * authentication. In order:
 * <ol>
 *     <li>unknown hook: 404 (a hook id is an unguessable UUID);</li>
 *     <li>body over {@code max-body-size}: 413 (read no further than the limit);</li>
 *     <li>missing or wrong {@code X-Aviary-Signature} over the raw bytes: 401, one line on
 *     {@code io.aviary.security}, nothing recorded;</li>
 *     <li>no {@code X-Aviary-Delivery}: 400;</li>
 *     <li>over the hook's rate limit: 429 with {@code Retry-After} (after the signature, so strangers cannot use up
 *     a sender's quota);</li>
 *     <li>{@code FireArea}: 202. A delivery id seen before fires nothing and is still 202 (sender retries are
 *     idempotent); a wrong {@code service} or a deleted AREA: 404; a paused AREA: 409.</li>
 * </ol>
 */
@RestController
public class WebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);
    private static final int MAX_DELIVERY_ID = 200;

    private final Webhooks webhooks;
    private final WebhookRateLimits rateLimits;
    private final WebhookProperties properties;
    private final CommandSender commands;

    public WebhookController(Webhooks webhooks, WebhookRateLimits rateLimits, WebhookProperties properties,
                             CommandSender commands) {
        this.webhooks = webhooks;
        this.rateLimits = rateLimits;
        this.properties = properties;
        this.commands = commands;
    }

    @PostMapping("/webhooks/{service}/{hookId}")
    @PermitAll
    public ResponseEntity<?> deliver(@PathVariable String service, @PathVariable String hookId,
                                     @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
                                     @RequestHeader(name = WebhookSignature.DELIVERY_HEADER, required = false)
                                     String deliveryId,
                                     HttpServletRequest request) throws IOException {
        Optional<Hook> hook = find(hookId);
        if (hook.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "Not found", "No webhook " + service + "/" + hookId);
        }
        int limit = (int) Math.min(Integer.MAX_VALUE - 1, properties.maxBodySize().toBytes());
        if (request.getContentLengthLong() > limit) {
            return tooLarge(limit);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(limit + 1);
        }
        if (body.length > limit) {
            return tooLarge(limit);
        }
        if (!WebhookSignature.verify(hook.get().secret(), body, signature)) {
            SecurityLog.refused("Webhook delivery refused: {} signature for hook {} (service {}) from {}",
                    signature == null ? "no" : "a wrong", hookId, service, request.getRemoteAddr());
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "HMAC-SHA256 header=\"" + WebhookSignature.HEADER + "\"")
                    .body(problemDetail(HttpStatus.UNAUTHORIZED, "Unauthorized", "The " + WebhookSignature.HEADER
                            + " header is missing or does not sign this body"));
        }
        if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > MAX_DELIVERY_ID) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The " + WebhookSignature.DELIVERY_HEADER
                    + " header (1 to " + MAX_DELIVERY_ID + " characters, unique per delivery) is required");
        }
        Optional<Duration> wait = rateLimits.acquire(hookId);
        if (wait.isPresent()) {
            return tooMany(wait.get(), "Too many deliveries to this webhook; try again later");
        }
        return fire(hook.get(), service, deliveryId.trim(), body);
    }

    private ResponseEntity<?> fire(Hook hook, String service, String deliveryId, byte[] body) {
        String executionId = UUID.randomUUID().toString();
        try {
            commands.send(FireArea.webhook(hook.areaId(), service, deliveryId, WebhookPayloads.of(body),
                    executionId));
            return ResponseEntity.accepted().body(answer(hook.areaId(), deliveryId, executionId, false));
        } catch (FireRejectedException e) {
            return switch (e.reason()) {
                case DUPLICATE -> ResponseEntity.accepted().body(answer(hook.areaId(), deliveryId, null, true));
                case PAUSED -> problem(HttpStatus.CONFLICT, "AREA paused", e.getMessage());
                case BUSY -> tooMany(Duration.ofMinutes(1), e.getMessage());
                case GONE -> problem(HttpStatus.NOT_FOUND, "Not found", "No webhook " + service + "/"
                        + hook.hookId());
            };
        } catch (AggregateNotFoundException e) {
            // The hook was stored but its AREA was never created (the creation failed half-way).
            return problem(HttpStatus.NOT_FOUND, "Not found", "No webhook " + service + "/" + hook.hookId());
        }
    }

    private Optional<Hook> find(String hookId) {
        try {
            return webhooks.find(hookId);
        } catch (SecretUnreadableException e) {
            LOG.error("The secret of webhook {} cannot be read: {}; rotate it to use the hook again", hookId,
                    e.getMessage());
            return Optional.empty();
        }
    }

    private static Map<String, Object> answer(String areaId, String deliveryId, String executionId,
                                              boolean duplicate) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("areaId", areaId);
        answer.put("deliveryId", deliveryId);
        if (executionId != null) {
            answer.put("executionId", executionId);
        }
        answer.put("duplicate", duplicate);
        return answer;
    }

    private static ResponseEntity<ProblemDetail> tooLarge(int limit) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", "A delivery body may have at most "
                + limit + " bytes");
    }

    private static ResponseEntity<ProblemDetail> tooMany(Duration wait, String detail) {
        long seconds = Math.max(1, wait.plusMillis(999).toSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(problemDetail(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        return ResponseEntity.status(status).body(problemDetail(status, title, detail));
    }

    private static ProblemDetail problemDetail(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}

package io.aviary.command.area;

import io.aviary.command.area.AreaCommands.DeleteArea;
import io.aviary.command.area.AreaCommands.PauseArea;
import io.aviary.command.area.AreaCommands.ResumeArea;
import io.aviary.command.area.AreaCommands.RotateWebhookSecret;
import io.aviary.command.area.AreaCommands.ScheduleArea;
import io.aviary.command.area.AreaCommands.UpdateArea;
import io.aviary.command.area.AreaDefinitions.Definition;
import io.aviary.command.area.AreaResponse.WebhookAnswer;
import io.aviary.command.area.webhook.WebhookProperties;
import io.aviary.command.area.webhook.WebhookRateLimits;
import io.aviary.command.area.webhook.Webhooks;
import io.aviary.command.area.webhook.Webhooks.Hook;
import io.aviary.command.security.CurrentPrincipal;
import io.aviary.command.web.CommandSender;
import io.aviary.command.web.QueryApiProperties;
import io.aviary.events.area.TriggerKind;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.UUID;

/**
 * AREA commands over HTTP, for managers and admins: each request is checked ({@link AreaDefinitions}: 400 naming the
 * field), becomes one command, and is answered 202 with the AREA's query URL. A WEBHOOK AREA's creation (and a secret
 * rotation) also answers the webhook URL and its secret: the only time the secret is shown.
 */
@RestController
@RequestMapping("/api/v1/areas")
@RolesAllowed({"ADMIN", "MANAGER"})
public class AreaController {

    private static final Logger LOG = LoggerFactory.getLogger(AreaController.class);

    private final CommandSender commands;
    private final AreaDefinitions definitions;
    private final Webhooks webhooks;
    private final WebhookRateLimits rateLimits;
    private final WebhookProperties webhookProperties;
    private final QueryApiProperties queryApi;

    public AreaController(CommandSender commands, AreaDefinitions definitions, Webhooks webhooks,
                          WebhookRateLimits rateLimits, WebhookProperties webhookProperties,
                          QueryApiProperties queryApi) {
        this.commands = commands;
        this.definitions = definitions;
        this.webhooks = webhooks;
        this.rateLimits = rateLimits;
        this.webhookProperties = webhookProperties;
        this.queryApi = queryApi;
    }

    /** Defines an AREA: 202 {areaId} (+ {@code webhook: {url, secret}} for a WEBHOOK trigger). */
    @PostMapping
    public ResponseEntity<AreaResponse> create(@Valid @RequestBody AreaRequest request) {
        Definition definition = definitions.validate(request);
        String areaId = UUID.randomUUID().toString();
        CurrentPrincipal caller = CurrentPrincipal.require();
        String owner = caller.username() != null ? caller.username() : caller.subject();
        // The secret is stored first, so that an AREA never exists without one; a failed creation drops it again.
        Hook hook = definition.trigger().kind() == TriggerKind.WEBHOOK ? webhooks.create(areaId) : null;
        try {
            commands.send(new ScheduleArea(areaId, owner, definition.name(), definition.action(),
                    definition.trigger(), definition.reactions(), definition.retryPolicy(),
                    hook == null ? null : hook.hookId()));
        } catch (RuntimeException e) {
            if (hook != null) {
                webhooks.delete(hook.hookId());
            }
            throw e;
        }
        WebhookAnswer webhook = hook == null ? null
                : new WebhookAnswer(webhookUrl(definition.action().service(), hook.hookId()), hook.secret());
        return accepted(new AreaResponse(areaId, 1, webhook));
    }

    /** A new definition version: 202 {areaId, version}. The trigger cannot change to or from WEBHOOK (409). */
    @PutMapping("/{areaId}")
    public ResponseEntity<AreaResponse> update(@PathVariable String areaId, @Valid @RequestBody AreaRequest request) {
        Definition definition = definitions.validate(request);
        int version = commands.send(new UpdateArea(areaId, definition.name(), definition.action(),
                definition.trigger(), definition.reactions(), definition.retryPolicy()));
        return accepted(new AreaResponse(areaId, version, null));
    }

    @PostMapping("/{areaId}/pause")
    public ResponseEntity<AreaResponse> pause(@PathVariable String areaId) {
        commands.send(new PauseArea(areaId));
        return accepted(new AreaResponse(areaId, null, null));
    }

    @PostMapping("/{areaId}/resume")
    public ResponseEntity<AreaResponse> resume(@PathVariable String areaId) {
        commands.send(new ResumeArea(areaId));
        return accepted(new AreaResponse(areaId, null, null));
    }

    /** Deletes the AREA for good; its webhook secret is dropped. Running executions finish. */
    @DeleteMapping("/{areaId}")
    public ResponseEntity<AreaResponse> delete(@PathVariable String areaId) {
        String hookId = commands.send(new DeleteArea(areaId));
        if (hookId != null) {
            webhooks.delete(hookId);
            rateLimits.forget(hookId);
        }
        return accepted(new AreaResponse(areaId, null, null));
    }

    /** A new webhook secret (the old one stops working at once): 200 {url, secret}, shown this once. */
    @PostMapping("/{areaId}/webhook/rotate")
    public ResponseEntity<WebhookAnswer> rotateWebhookSecret(@PathVariable String areaId) {
        WebhookAddress address = commands.send(new RotateWebhookSecret(areaId));
        Hook hook = webhooks.rotate(address.hookId(), areaId);
        LOG.info("Webhook secret of AREA {} rotated by {}", areaId, CurrentPrincipal.require().username());
        return ResponseEntity.ok(new WebhookAnswer(webhookUrl(address.service(), hook.hookId()), hook.secret()));
    }

    private String webhookUrl(String service, String hookId) {
        String configured = webhookProperties.baseUrl();
        UriComponentsBuilder base = configured != null && !configured.isBlank()
                ? UriComponentsBuilder.fromUriString(configured.trim())
                : ServletUriComponentsBuilder.fromCurrentContextPath();
        return base.pathSegment("webhooks", service, hookId).build().toUriString();
    }

    private ResponseEntity<AreaResponse> accepted(AreaResponse body) {
        return ResponseEntity.accepted().location(queryApi.locationOf("areas", body.areaId())).body(body);
    }
}

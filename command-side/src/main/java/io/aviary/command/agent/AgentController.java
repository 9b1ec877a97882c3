package io.aviary.command.agent;

import io.aviary.command.agent.AgentEnrolment.Enrolled;
import io.aviary.command.agent.AgentEnrolment.IssuedEnrolmentToken;
import io.aviary.command.auth.AccessToken;
import io.aviary.command.security.CurrentPrincipal;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/** Agent enrolment: admins issue one-time tokens; agents enrol with one and then fetch access tokens. */
@RestController
@RequestMapping("/api/v1/agents")
public class AgentController {

    private final AgentEnrolment enrolment;

    public AgentController(AgentEnrolment enrolment) {
        this.enrolment = enrolment;
    }

    /** A one-time enrolment token (default lifetime 60 minutes), optionally bound to one worker name. */
    @PostMapping("/enrolment-tokens")
    @RolesAllowed("ADMIN")
    public ResponseEntity<EnrolmentTokenResponse> createEnrolmentToken(
            @Valid @RequestBody(required = false) CreateEnrolmentTokenRequest request) {
        String name = request != null ? request.name() : null;
        Duration ttl = request != null && request.ttlMinutes() != null
                ? Duration.ofMinutes(request.ttlMinutes()) : null;
        IssuedEnrolmentToken token = enrolment.createEnrolmentToken(name, ttl, CurrentPrincipal.require().subject());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new EnrolmentTokenResponse(token.token(), token.expiresAt()));
    }

    /**
     * Enrols an agent: spends the enrolment token (401 if unknown, spent or expired) and answers the agent's
     * long-lived secret and a first access token. 409 if the name is enrolled on other hardware.
     */
    @PostMapping("/enrol")
    @PermitAll
    public EnrolResponse enrol(@Valid @RequestBody EnrolRequest request) {
        Enrolled enrolled = enrolment.enrol(request.enrolmentToken(), request.name(), request.hardwareId());
        AccessToken token = enrolled.accessToken();
        return new EnrolResponse(enrolled.workerId(), enrolled.agentSecret(), token.value(), token.expiresIn(),
                "Bearer");
    }

    /** An access token for an enrolled agent: 401 for a wrong secret, 403 from other hardware. */
    @PostMapping("/token")
    @PermitAll
    public AgentTokenResponse token(@Valid @RequestBody AgentTokenRequest request) {
        AccessToken token = enrolment.token(request.workerId(), request.agentSecret(), request.hardwareId());
        return new AgentTokenResponse(token.value(), token.expiresIn(), "Bearer");
    }
}

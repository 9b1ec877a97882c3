package io.aviary.command.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.auth.AccessTokenIssuer;
import io.aviary.command.auth.TokenSubject;
import io.aviary.events.user.Role;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the running OpenAPI document, called anonymously and with a token of each role: the answer must
 * match the roles the operation declares ({@code x-aviary-roles}). A new endpoint is in the document, so it cannot
 * slip through untested; one without declared roles fails here (and is refused at run time).
 * <p>
 * Path variables are random ids. Operations with a request body get a JSON array where an object is expected: an
 * authorised call then stops at binding (400), so walking the matrix changes nothing, while security has already
 * decided (it decides before the body is read). Bodiless commands run for real (e.g. a key rotation).
 */
class AuthorizationMatrixIntegrationTest extends CommandSideIntegrationTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    @Autowired
    private TestRestTemplate http;
    @Autowired
    private AccessTokenIssuer issuer;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlers;

    @Test
    void every_operation_answers_each_role_and_anonymous_as_it_declares() {
        JsonNode paths = http.getForEntity("/v3/api-docs", JsonNode.class).getBody().get("paths");
        SoftAssertions softly = new SoftAssertions();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                JsonNode declared = op.getValue().get(RolesOperationCustomizer.EXTENSION);
                softly.assertThat(declared).as("%s declares %s", name, RolesOperationCustomizer.EXTENSION)
                        .isNotNull();
                if (declared == null) {
                    continue;
                }
                Set<Role> allowed = EnumSet.noneOf(Role.class);
                declared.forEach(role -> allowed.add(Role.valueOf(role.asText())));
                boolean open = allowed.isEmpty();
                Call call = new Call(HttpMethod.valueOf(op.getKey().toUpperCase(Locale.ROOT)),
                        path.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString()),
                        op.getValue().has("requestBody"));

                HttpStatus anonymous = call.as(null);
                if (open) {
                    softly.assertThat(anonymous).as("%s anonymous", name).isNotIn(HttpStatus.UNAUTHORIZED,
                            HttpStatus.FORBIDDEN);
                } else {
                    softly.assertThat(anonymous).as("%s anonymous", name).isEqualTo(HttpStatus.UNAUTHORIZED);
                }
                for (Role role : Role.values()) {
                    HttpStatus status = call.as(role);
                    if (open || allowed.contains(role)) {
                        softly.assertThat(status).as("%s as %s", name, role).isNotIn(HttpStatus.UNAUTHORIZED,
                                HttpStatus.FORBIDDEN);
                    } else {
                        softly.assertThat(status).as("%s as %s", name, role).isEqualTo(HttpStatus.FORBIDDEN);
                    }
                }
                checked++;
            }
        }
        assertThat(checked).as("operations in the document").isGreaterThanOrEqualTo(14);
        softly.assertAll();
    }

    @Test
    void every_handler_of_the_application_declares_its_roles() {
        List<String> undeclared = new ArrayList<>();
        for (HandlerMethod handler : handlers.getHandlerMethods().values()) {
            if (handler.getBeanType().getPackageName().startsWith("io.aviary")
                    && DeclaredRoles.of(handler).isEmpty()) {
                undeclared.add(handler.getShortLogMessage());
            }
        }
        assertThat(undeclared).as("handlers without @RolesAllowed or @PermitAll").isEmpty();
    }

    @Test
    void an_unknown_path_is_unauthorized_without_a_token_and_not_found_with_one() {
        String token = token(Role.MANAGER);

        assertThat(new Call(HttpMethod.GET, "/api/v1/nothing-here", false).as(null))
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(send(HttpMethod.GET, "/api/v1/nothing-here", null, token, null)).isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** One operation, called as a role with a token minted for it. */
    private final class Call {

        private final HttpMethod method;
        private final String path;
        private final boolean hasBody;

        Call(HttpMethod method, String path, boolean hasBody) {
            this.method = method;
            this.path = path;
            this.hasBody = hasBody;
        }

        HttpStatus as(Role role) {
            String token = role == null ? null : token(role);
            String hardwareId = role == Role.AGENT ? "hw-matrix" : null;
            return send(method, path, hasBody ? "[]" : null, token, hardwareId);
        }
    }

    private HttpStatus send(HttpMethod method, String path, String body, String token, String hardwareId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        if (hardwareId != null) {
            headers.set(TokenClaims.HARDWARE_ID_HEADER, hardwareId);
        }
        ResponseEntity<String> answer = http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
        return HttpStatus.valueOf(answer.getStatusCode().value());
    }

    /** A token with exactly one role; agents and WORKER people also name a worker (and agents their hardware). */
    private String token(Role role) {
        String subject = "matrix-" + role.name().toLowerCase(Locale.ROOT);
        String workerId = role == Role.AGENT || role == Role.WORKER ? UUID.randomUUID().toString() : null;
        String hardwareId = role == Role.AGENT ? "hw-matrix" : null;
        return issuer.issue(new TokenSubject(subject, subject, Set.of(role), workerId, hardwareId)).value();
    }
}

package io.aviary.query.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

import java.util.List;

/**
 * Copies each handler's declared roles into its OpenAPI operation: extension {@code x-aviary-roles} (read by the
 * authorization-matrix test and by clients), "Roles: ..." in the description, and the bearer requirement (so
 * Swagger UI sends the token it was authorised with). An undeclared handler gets nothing, and the test fails on it.
 * Also declares the bearer scheme itself, so Swagger UI offers "Authorize".
 */
@Component
class RolesOperationCustomizer implements OperationCustomizer, OpenApiCustomizer {

    static final String EXTENSION = "x-aviary-roles";
    static final String BEARER_SCHEME = "bearer";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        DeclaredRoles.of(handler).ifPresent(roles -> {
            operation.addExtension(EXTENSION, roles);
            String line = roles.isEmpty() ? "Roles: none needed (public)." : "Roles: " + String.join(", ", roles) + ".";
            operation.setDescription(operation.getDescription() == null ? line
                    : operation.getDescription() + "\n\n" + line);
            if (!roles.isEmpty()) {
                operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER_SCHEME)));
            }
        });
        return operation;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSecuritySchemes(BEARER_SCHEME, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("Access token from the command side (POST /api/v1/auth/login) or the configured "
                        + "OpenID Connect provider"));
    }
}

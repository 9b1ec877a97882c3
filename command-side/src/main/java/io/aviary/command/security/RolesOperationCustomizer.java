package io.aviary.command.security;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

import java.util.List;

/**
 * Documents each operation's roles from its {@code @RolesAllowed}/{@code @PermitAll}: extension
 * {@value #EXTENSION} (the role names; {@code []} = open to anyone), "Roles: …" in the description, and the bearer
 * security requirement for protected operations. The authorization-matrix test reads the extension, so the
 * document and the enforcement come from the same annotations. Self-contained on purpose: other apps copy it.
 */
public class RolesOperationCustomizer implements OperationCustomizer {

    /** The OpenAPI extension listing an operation's roles. */
    public static final String EXTENSION = "x-aviary-roles";
    /** The name of the bearer security scheme in the document's components. */
    public static final String BEARER_SCHEME = "bearer";

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        DeclaredRoles.of(handlerMethod).ifPresent(declared -> {
            operation.addExtension(EXTENSION, declared.roles());
            String roles = declared.permitAll() ? "public, no token needed" : String.join(", ", declared.roles());
            String description = operation.getDescription();
            operation.setDescription((description == null || description.isBlank() ? "" : description + "\n\n")
                    + "Roles: " + roles);
            if (declared.permitAll()) {
                operation.setSecurity(List.of());
            } else {
                operation.addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME));
            }
        });
        return operation;
    }
}

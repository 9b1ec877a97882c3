package io.aviary.command.security;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

import java.util.List;
import java.util.Optional;

/**
 * Who may call a handler, as it declares with {@link RolesAllowed} or {@link PermitAll} (on the method, else on its
 * class). The one source for the request check ({@link HandlerRolesAuthorizationManager}) and the OpenAPI document
 * ({@link RolesOperationCustomizer}).
 *
 * @param permitAll whether anyone may call it, without a token
 * @param roles     the roles allowed (without {@code ROLE_}), empty if {@code permitAll}
 */
public record DeclaredRoles(boolean permitAll, List<String> roles) {

    /** The handler's declaration; empty if it declares nothing (such a handler is refused to everyone). */
    public static Optional<DeclaredRoles> of(HandlerMethod handler) {
        Optional<DeclaredRoles> onMethod = declaredOn(handler.getMethod().getAnnotation(PermitAll.class) != null,
                AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RolesAllowed.class));
        return onMethod.isPresent() ? onMethod : declaredOn(
                AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PermitAll.class),
                AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RolesAllowed.class));
    }

    private static Optional<DeclaredRoles> declaredOn(boolean permitAll, RolesAllowed rolesAllowed) {
        if (permitAll) {
            return Optional.of(new DeclaredRoles(true, List.of()));
        }
        return rolesAllowed == null ? Optional.empty()
                : Optional.of(new DeclaredRoles(false, List.of(rolesAllowed.value())));
    }
}

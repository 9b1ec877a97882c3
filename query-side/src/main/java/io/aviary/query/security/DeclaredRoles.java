package io.aviary.query.security;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Optional;

/**
 * The roles a handler declares, as method security reads them (JSR-250: the method's annotation wins over the
 * class's): {@code @RolesAllowed} names them, {@code @PermitAll} is an empty list, neither is "undeclared".
 */
final class DeclaredRoles {

    private DeclaredRoles() {
    }

    static Optional<List<String>> of(HandlerMethod handler) {
        return on(handler.getMethod()).or(() -> on(handler.getBeanType()));
    }

    private static Optional<List<String>> on(AnnotatedElement element) {
        RolesAllowed roles = AnnotatedElementUtils.findMergedAnnotation(element, RolesAllowed.class);
        if (roles != null) {
            return Optional.of(List.of(roles.value()));
        }
        return AnnotatedElementUtils.hasAnnotation(element, PermitAll.class) ? Optional.of(List.of())
                : Optional.empty();
    }
}

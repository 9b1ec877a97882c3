package io.aviary.query.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.Jsr250AuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Applies each handler's declared roles before Spring MVC reads its parameters, so a caller without the right token
 * gets 401/403 rather than a 400 that reveals how the endpoint validates (method security checks the same roles
 * again when the handler is called). A handler of this app that declares no roles is denied: method security guards
 * only annotated methods, so a forgotten {@code @RolesAllowed} would otherwise leave an endpoint open (and the
 * authorization-matrix test, reading the OpenAPI document, names it).
 */
final class DeclaredRolesInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(DeclaredRolesInterceptor.class);
    private static final String OWN_PACKAGES = "io.aviary.";

    /** The same decision method security makes for JSR-250 annotations (role prefix, class vs method level). */
    private final Jsr250AuthorizationManager roles = new Jsr250AuthorizationManager();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getName().startsWith(OWN_PACKAGES)) {
            return true;
        }
        if (DeclaredRoles.of(method).isEmpty()) {
            log.error("{} declares neither @RolesAllowed nor @PermitAll: denied", method.getShortLogMessage());
            throw new AccessDeniedException("This endpoint declares no roles, so nobody may call it.");
        }
        AuthorizationResult result = roles.authorize(SecurityContextHolder.getContext()::getAuthentication,
                new SimpleMethodInvocation(method.getBean(), method.getMethod()));
        if (result != null && !result.isGranted()) {
            throw new AuthorizationDeniedException("Access Denied", result);
        }
        return true;
    }
}

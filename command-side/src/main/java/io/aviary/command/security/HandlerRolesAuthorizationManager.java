package io.aviary.command.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Decides every API request in the filter chain from the roles its handler declares ({@link DeclaredRoles}):
 * {@code @PermitAll} is open, {@code @RolesAllowed} needs one of the roles, and a handler that declares neither is
 * refused to everyone, so a new endpoint cannot go live unprotected. Deciding here, before the request body is read
 * and validated, keeps the answers honest: a caller without the role gets 403, not a 400 about a body they may not
 * send. Method security ({@code @EnableMethodSecurity}) checks the same annotations again on the controller beans.
 * <p>
 * A path without a handler needs an authenticated caller (then it is a 404), so probing unknown paths
 * anonymously reveals nothing.
 */
final class HandlerRolesAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityLog.NAME);

    private final ObjectProvider<RequestMappingHandlerMapping> handlerMappings;
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
    private final Set<String> reportedUndeclared = ConcurrentHashMap.newKeySet();

    HandlerRolesAuthorizationManager(ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
        this.handlerMappings = handlerMappings;
    }

    @Override
    @SuppressWarnings("deprecation") // check() is the method to implement; authorize() delegates to it
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Optional<HandlerMethod> handler = handlerOf(context.getRequest());
        if (handler.isEmpty()) {
            return new AuthorizationDecision(isAuthenticated(authentication.get()));
        }
        Optional<DeclaredRoles> declared = DeclaredRoles.of(handler.get());
        if (declared.isEmpty()) {
            if (reportedUndeclared.add(handler.get().toString())) {
                LOG.error("Refusing {}: the handler declares neither @RolesAllowed nor @PermitAll",
                        handler.get().getShortLogMessage());
            }
            return new AuthorizationDecision(false);
        }
        if (declared.get().permitAll()) {
            return new AuthorizationDecision(true);
        }
        Authentication caller = authentication.get();
        return new AuthorizationDecision(isAuthenticated(caller) && hasAnyRole(caller, declared.get()));
    }

    private boolean isAuthenticated(Authentication caller) {
        return caller != null && caller.isAuthenticated() && !trust.isAnonymous(caller);
    }

    private static boolean hasAnyRole(Authentication caller, DeclaredRoles declared) {
        for (GrantedAuthority authority : caller.getAuthorities()) {
            for (String role : declared.roles()) {
                if (("ROLE_" + role).equals(authority.getAuthority())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The controller method MVC will pick, looked up without touching the real request's attributes. */
    private Optional<HandlerMethod> handlerOf(HttpServletRequest request) {
        RequestMappingHandlerMapping mapping = handlerMappings.getIfAvailable();
        if (mapping == null) {
            return Optional.empty();
        }
        try {
            HttpServletRequest lookup = new IsolatedAttributes(request);
            ServletRequestPathUtils.parseAndCache(lookup);
            HandlerExecutionChain chain = mapping.getHandler(lookup);
            return chain != null && chain.getHandler() instanceof HandlerMethod method
                    ? Optional.of(method) : Optional.empty();
        } catch (Exception noMatch) {
            return Optional.empty(); // e.g. a method the path does not support: MVC answers it later
        }
    }

    /** Keeps attributes written during the lookup to itself, so that MVC's own lookup starts clean. */
    private static final class IsolatedAttributes extends HttpServletRequestWrapper {

        private final Map<String, Object> written = new HashMap<>();
        private final Set<String> removed = new HashSet<>();

        IsolatedAttributes(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            if (written.containsKey(name)) {
                return written.get(name);
            }
            return removed.contains(name) ? null : super.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            written.put(name, value);
            removed.remove(name);
        }

        @Override
        public void removeAttribute(String name) {
            written.remove(name);
            removed.add(name);
        }
    }
}

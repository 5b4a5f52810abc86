package io.wcf4j.spring;

import io.wcf4j.http.HttpMetadataCodec;
import io.wcf4j.security.AuthenticationBehavior;
import io.wcf4j.security.Identity;
import io.wcf4j.spi.HostResources;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;

/**
 * Lets the actuator know the caller: a request to it with an {@code Authorization} credential is checked by the
 * host's authentication stage (the same users, passwords and tokens as the services), and its user and roles become
 * the servlet request's, which is what the actuator asks when health details are shown only to authorized callers
 * ({@code management.endpoint.health.show-details: when-authorized} with {@code roles}). Without a credential the
 * request goes on anonymous; with one that does not verify it is refused with 401.
 */
final class ActuatorAuthenticationFilter implements Filter {
    private final HostResources resources;

    ActuatorAuthenticationFilter(HostResources resources) {
        this.resources = resources;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String authorization = http.getHeader("Authorization");
        AuthenticationBehavior authentication = resources.get(AuthenticationBehavior.class);
        if (authorization == null || authentication == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Identity> identity = authentication.verify(authorization, HttpMetadataCodec.peerOf(http).remoteAddress());
        if (identity.isEmpty()) {
            HttpServletResponse refused = (HttpServletResponse) response;
            refused.setHeader("WWW-Authenticate", "Basic realm=\"actuator\"");
            refused.sendError(HttpServletResponse.SC_UNAUTHORIZED, "authentication failed");
            return;
        }
        chain.doFilter(new Authenticated(http, identity.get()), response);
    }

    /** The request as the authenticated caller's. */
    private static final class Authenticated extends HttpServletRequestWrapper {
        private final Identity identity;

        Authenticated(HttpServletRequest request, Identity identity) {
            super(request);
            this.identity = identity;
        }

        @Override
        public Principal getUserPrincipal() {
            return identity.principal();
        }

        @Override
        public String getRemoteUser() {
            return identity.name();
        }

        @Override
        public boolean isUserInRole(String role) {
            return identity.roles().contains(role);
        }
    }
}

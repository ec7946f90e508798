package org.returnsbridge.admin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 with {@code WWW-Authenticate: Basic} (a browser opening Hawtio then asks for the account) and a
 * short JSON body for scripts, never a login page or a redirect.
 */
final class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

    static final String REALM = "reveni-sitoo-bridge";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"detail\":\"authentication required: HTTP Basic with the operator account"
                + " (BRIDGE_ADMIN_USERNAME / BRIDGE_ADMIN_PASSWORD)\"}");
    }
}

package org.returnsbridge.admin;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands in for CSRF tokens, which a stateless Basic-auth API cannot use: a browser that has the
 * operator's Basic credentials cached (someone opened Hawtio) would send them with a request another
 * site forges, so requests a browser marks as coming from another site are refused — except a plain
 * link followed to a page (a GET navigation), and never one that reaches Jolokia, which also runs
 * operations from GET URLs. Scripts (curl) send no such headers and are not affected; Hawtio's own
 * requests are same-origin.
 *
 * <p>The browser's Fetch Metadata ({@code Sec-Fetch-Site}) decides; a browser too old to send it is
 * judged by {@code Origin} against {@code Host}.
 */
final class CrossSiteRequestFilter extends OncePerRequestFilter {

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isCrossSite(request) && !isHarmlessNavigation(request)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"detail\":\"cross-site request refused: call the bridge directly"
                    + " (curl, Hawtio on this host), not from another site's page\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isCrossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            site = site.toLowerCase(Locale.ROOT);
            return !site.equals("same-origin") && !site.equals("none");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String host = request.getHeader("Host");
        String forwardedHost = request.getHeader("X-Forwarded-Host");
        String originAuthority = authorityOf(origin);
        return originAuthority == null
                || !(originAuthority.equalsIgnoreCase(host) || originAuthority.equalsIgnoreCase(forwardedHost));
    }

    private static boolean isHarmlessNavigation(HttpServletRequest request) {
        return READ_METHODS.contains(request.getMethod())
                && "navigate".equalsIgnoreCase(request.getHeader("Sec-Fetch-Mode"))
                && !request.getRequestURI().contains("/jolokia");
    }

    private static String authorityOf(String origin) {
        try {
            return URI.create(origin).getRawAuthority();
        } catch (IllegalArgumentException notAUri) {
            return null; // "null" (a sandboxed frame, a file) or garbage: not this site
        }
    }
}

package org.returnsbridge.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Adds {@code <script src="/hawtio-sign-in.js">} (src/main/resources/static) to Hawtio's page, ahead of
 * Hawtio's own scripts. Hawtio signs in one way here: the browser's HTTP Basic prompt for the operator
 * account (Hawtio's own login is off). Opened from an address with the credentials in it
 * ({@code http://user:password@host/actuator/hawtio/}), Hawtio cannot make a single request (browsers refuse
 * requests from such a page) and shows its own login form, which fails too; the script reopens the address
 * without the credentials, which the browser has kept from signing in.
 *
 * <p>A script file, not inline code: Hawtio's Content-Security-Policy allows only scripts of this origin.
 * It is served by Spring, not under Hawtio's path: Hawtio answers unknown paths under it with its page.
 */
final class HawtioSignInPage extends OncePerRequestFilter {

    static final String SCRIPT = "<script src=\"/hawtio-sign-in.js\"></script>";
    private static final String HEAD = "<head>";

    private final String hawtioPath;

    /** @param hawtioPath where Hawtio answers, e.g. {@code /actuator/hawtio/} */
    HawtioSignInPage(String hawtioPath) {
        this.hawtioPath = hawtioPath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || !request.getRequestURI().startsWith(hawtioPath)
                || request.getRequestURI().contains("/static/") || request.getRequestURI().contains("/jolokia");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper page = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, page);
            String type = page.getContentType();
            if (page.getStatus() == HttpServletResponse.SC_OK && type != null && type.startsWith("text/html")) {
                String html = new String(page.getContentAsByteArray(), StandardCharsets.UTF_8);
                int head = html.indexOf(HEAD);
                if (head >= 0 && !html.contains(SCRIPT)) {
                    int at = head + HEAD.length();
                    String withScript = html.substring(0, at) + SCRIPT + html.substring(at);
                    page.resetBuffer();
                    page.getOutputStream().write(withScript.getBytes(StandardCharsets.UTF_8));
                }
            }
        } finally {
            page.copyBodyToResponse();
        }
    }
}

package org.returnsbridge.admin;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} to every request that carries credentials from a remote address the
 * {@link SignInThrottle} has blocked, before the credentials are checked: the right password is refused
 * too while the block lasts, or the throttle would tell a guesser which guess was right. Requests without
 * credentials (Reveni's signed webhooks, the health probes, which have a chain of their own) are not
 * affected.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;

    SignInThrottleFilter(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> blocked = request.getHeader(HttpHeaders.AUTHORIZATION) == null
                ? Optional.empty() : throttle.blocked(request.getRemoteAddr());
        if (blocked.isPresent()) {
            long seconds = Math.max(1, (blocked.get().toMillis() + 999) / 1000);
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"detail\":\"too many failed sign-ins from this address: try again in "
                    + seconds + " s\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}

package org.returnsbridge.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every wrong user name or password: one WARN naming the user name tried (escaped and cut short: it is
 * the caller's text) and the remote address, never the password; and one more failure for that address in
 * the {@link SignInThrottle}, with an ERROR when it blocks the address.
 */
final class FailedSignInLog implements ApplicationListener<AuthenticationFailureBadCredentialsEvent> {

    private static final Logger log = LoggerFactory.getLogger(FailedSignInLog.class);
    static final int MAX_USERNAME_LENGTH = 64;

    private final SignInThrottle throttle;

    FailedSignInLog(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void onApplicationEvent(AuthenticationFailureBadCredentialsEvent event) {
        Object details = event.getAuthentication().getDetails();
        String address = details instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : "unknown";
        String user = printable(String.valueOf(event.getAuthentication().getPrincipal()));
        SignInThrottle.Failure failure = throttle.recordFailure(address);
        log.warn("Failed sign-in as user '{}' from {} ({} failure{} from there within the window)",
                user, address, failure.count(), failure.count() == 1 ? "" : "s");
        if (failure.blocked()) {
            log.error("Sign-ins from {} are refused (429) for the next {} s: {} failed sign-ins within the window",
                    address, Math.max(1, (failure.blockedFor().toMillis() + 999) / 1000), failure.count());
        }
    }

    /**
     * The user name as the log may show it: control and other invisible characters (a forged log line would
     * need a line break) and quotes and backslashes written as {@code \\uXXXX}, at most
     * {@value #MAX_USERNAME_LENGTH} characters kept.
     */
    static String printable(String untrusted) {
        StringBuilder out = new StringBuilder();
        int kept = 0;
        for (int i = 0; i < untrusted.length(); ) {
            int c = untrusted.codePointAt(i);
            i += Character.charCount(c);
            if (kept == MAX_USERNAME_LENGTH) {
                out.append("…(").append(untrusted.codePointCount(0, untrusted.length())).append(" characters)");
                break;
            }
            kept++;
            boolean visible = c >= 0x20 && c != 0x7f && c != '\'' && c != '"' && c != '\\'
                    && !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT
                    && Character.getType(c) != Character.LINE_SEPARATOR
                    && Character.getType(c) != Character.PARAGRAPH_SEPARATOR
                    && Character.getType(c) != Character.UNASSIGNED
                    && Character.getType(c) != Character.SURROGATE;
            if (visible) {
                out.appendCodePoint(c);
            } else if (c > 0xffff) {
                out.append(String.format("\\u%04x\\u%04x", (int) Character.highSurrogate(c), (int) Character.lowSurrogate(c)));
            } else {
                out.append(String.format("\\u%04x", c));
            }
        }
        return out.toString();
    }
}

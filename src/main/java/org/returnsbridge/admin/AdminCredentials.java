package org.returnsbridge.admin;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.returnsbridge.connections.BridgeMode;

/**
 * The operator account in force. Live mode takes exactly what is configured and refuses to start
 * without it; sandbox mode, when nothing is configured, makes up a password for user {@code admin}
 * (printed once at start-up, never stored).
 */
public record AdminCredentials(String username, String password, boolean generated) {

    static final String USERNAME_VARIABLE = "BRIDGE_ADMIN_USERNAME";
    static final String PASSWORD_VARIABLE = "BRIDGE_ADMIN_PASSWORD";
    static final String GENERATED_USERNAME = "admin";

    private static final SecureRandom RANDOM = new SecureRandom();

    public static AdminCredentials resolve(BridgeMode mode, AdminProperties configured) {
        if (configured.hasUsername() && configured.hasPassword()) {
            return new AdminCredentials(configured.username().trim(), configured.password(), false);
        }
        List<String> missing = new ArrayList<>();
        if (!configured.hasUsername()) {
            missing.add(USERNAME_VARIABLE);
        }
        if (!configured.hasPassword()) {
            missing.add(PASSWORD_VARIABLE);
        }
        if (mode == BridgeMode.LIVE) {
            throw new IllegalStateException("Live mode needs the operator account for the REST API, Hawtio and the"
                    + " actuator: set both " + USERNAME_VARIABLE + " and " + PASSWORD_VARIABLE + " (not set: "
                    + String.join(", ", missing) + ")");
        }
        if (missing.size() == 1) {
            throw new IllegalStateException(missing.get(0) + " is not set but "
                    + (configured.hasUsername() ? USERNAME_VARIABLE : PASSWORD_VARIABLE) + " is: set both "
                    + USERNAME_VARIABLE + " and " + PASSWORD_VARIABLE
                    + ", or neither to have the sandbox generate a password for user '" + GENERATED_USERNAME + "'");
        }
        return new AdminCredentials(GENERATED_USERNAME, randomPassword(), true);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "AdminCredentials[username=" + username + ", password=****, generated=" + generated + "]";
    }
}

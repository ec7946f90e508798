package org.returnsbridge.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator account as configured ({@code BRIDGE_ADMIN_USERNAME} / {@code BRIDGE_ADMIN_PASSWORD}); blank
 * means not set. {@link AdminCredentials} decides what is in force.
 */
@ConfigurationProperties(prefix = "bridge.admin")
public record AdminProperties(String username, String password) {

    boolean hasUsername() {
        return username != null && !username.isBlank();
    }

    boolean hasPassword() {
        return password != null && !password.isBlank();
    }

    @Override
    public String toString() {
        return "AdminProperties[username=" + username + ", password=" + (hasPassword() ? "****" : "") + "]";
    }
}

package org.returnsbridge.connections;

import java.util.Locale;

/**
 * LIVE (the default): the configured Reveni and Sitoo accounts. SANDBOX: the built-in vendor simulation,
 * chosen explicitly with {@code BRIDGE_MODE=sandbox}; never chosen because settings are missing.
 */
public enum BridgeMode {
    SANDBOX, LIVE;

    /** The property behind {@code BRIDGE_MODE}. */
    public static final String PROPERTY = "bridge.mode";

    /** Blank means live; case does not matter; anything else is refused naming the variable and the allowed values. */
    public static BridgeMode parse(String value) {
        if (value == null || value.isBlank()) {
            return LIVE;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "live" -> LIVE;
            case "sandbox" -> SANDBOX;
            default -> throw new IllegalStateException("BRIDGE_MODE '" + value.trim()
                    + "' is not a mode: set BRIDGE_MODE=live (real Reveni and Sitoo accounts, the default) "
                    + "or BRIDGE_MODE=sandbox (the built-in demo)");
        };
    }
}

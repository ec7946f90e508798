package org.returnsbridge.sandbox;

/**
 * Everything a sandbox needs to start: where it listens, the credentials both fake vendors accept,
 * whether it seeds the default catalogue and runs the demo trickle of returns, and where besides the
 * registered URLs it sends Reveni's webhooks ({@code webhookUrl}, nullable).
 *
 * <p>The defaults are the values the bridge's shipped demo configuration expects, so an embedded
 * sandbox and the bridge agree without any extra setup.
 */
public record SandboxSettings(String bindAddress, int port, String reveniApiKey, String reveniStoreId,
        String sitooAccountId, String sitooApiId, String sitooApiPassword, int sitooSiteId,
        boolean seedDefaults, boolean trickle, int trickleIntervalSeconds, long randomSeed, String webhookUrl) {

    public SandboxSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (trickleIntervalSeconds < 1) {
            throw new IllegalArgumentException("trickleIntervalSeconds must be at least 1, was " + trickleIntervalSeconds);
        }
        if (webhookUrl != null && webhookUrl.isBlank()) {
            webhookUrl = null; // an empty environment variable means "not set"
        }
        if (webhookUrl != null && !webhookUrl.startsWith("http://") && !webhookUrl.startsWith("https://")) {
            throw new IllegalArgumentException("webhookUrl must be an http(s) URL, was '" + webhookUrl + "'");
        }
    }

    public static SandboxSettings defaults() {
        return new SandboxSettings("127.0.0.1", 8089, "sandbox-reveni-key", "3f9a0c5e7b1d4e2f8a6c0b9d7e5f3a1c",
                "90316", "90316-1", "sandbox-sitoo-password", 1, true, false, 5, 42L, null);
    }

    public SandboxSettings withBindAddress(String value) {
        return new SandboxSettings(value, port, reveniApiKey, reveniStoreId, sitooAccountId, sitooApiId,
                sitooApiPassword, sitooSiteId, seedDefaults, trickle, trickleIntervalSeconds, randomSeed, webhookUrl);
    }

    public SandboxSettings withPort(int value) {
        return new SandboxSettings(bindAddress, value, reveniApiKey, reveniStoreId, sitooAccountId, sitooApiId,
                sitooApiPassword, sitooSiteId, seedDefaults, trickle, trickleIntervalSeconds, randomSeed, webhookUrl);
    }

    public SandboxSettings withReveniApiKey(String value) {
        return new SandboxSettings(bindAddress, port, value, reveniStoreId, sitooAccountId, sitooApiId,
                sitooApiPassword, sitooSiteId, seedDefaults, trickle, trickleIntervalSeconds, randomSeed, webhookUrl);
    }

    public SandboxSettings withReveniStoreId(String value) {
        return new SandboxSettings(bindAddress, port, reveniApiKey, value, sitooAccountId, sitooApiId,
                sitooApiPassword, sitooSiteId, seedDefaults, trickle, trickleIntervalSeconds, randomSeed, webhookUrl);
    }

    public SandboxSettings withSitooAccountId(String value) {
        return new SandboxSettings(bindAddress, port, reveniApiKey, reveniStoreId, value, sitooApiId,
                sitooApiPassword, sitooSiteId, seedDefaults, trickle, trickleIntervalSeconds, randomSeed, webhookUrl);
    }

    public SandboxSettings withSitooApiId(String value) {
        return new SandboxSettings(bindAddress, port, reveniApiKey, reveniStoreId, sitooAccountId, value,
                sitooApiPassword, sitooSiteId, seedDefaults, trickle, trickleIntervalSeconds, randomSeed, webhookUrl);
    }

    public SandboxSettings withSitooApiPassword(String value) {
        return new SandboxSettings(bindAddress, port, reveniApiKey, reveniStoreId, sitooAccountId, sitooApiId,
                value, sitooSiteId, seedDefaults, trickle, trickleIntervalSeconds, randomSeed, webhookUrl);
    }

    public SandboxSettings withSitooSiteId(int value) {
        return new SandboxSettings(bindAddress, port, reveniApiKey, reveniStoreId, sitooAccountId, sitooApiId,
                sitooApiPassword, value, seedDefaults, trickle, trickleIntervalSeconds, randomSeed, webhookUrl);
    }

    public SandboxSettings withSeedDefaults(boolean value) {
        return new SandboxSettings(bindAddress, port, reveniApiKey, reveniStoreId, sitooAccountId, sitooApiId,
                sitooApiPassword, sitooSiteId, value, trickle, trickleIntervalSeconds, randomSeed, webhookUrl);
    }

    public SandboxSettings withTrickle(boolean on) {
        return new SandboxSettings(bindAddress, port, reveniApiKey, reveniStoreId, sitooAccountId, sitooApiId,
                sitooApiPassword, sitooSiteId, seedDefaults, on, trickleIntervalSeconds, randomSeed, webhookUrl);
    }

    public SandboxSettings withTrickleIntervalSeconds(int value) {
        return new SandboxSettings(bindAddress, port, reveniApiKey, reveniStoreId, sitooAccountId, sitooApiId,
                sitooApiPassword, sitooSiteId, seedDefaults, trickle, value, randomSeed, webhookUrl);
    }

    public SandboxSettings withRandomSeed(long value) {
        return new SandboxSettings(bindAddress, port, reveniApiKey, reveniStoreId, sitooAccountId, sitooApiId,
                sitooApiPassword, sitooSiteId, seedDefaults, trickle, trickleIntervalSeconds, value, webhookUrl);
    }

    /**
     * A URL that receives {@code return.created} and {@code return.updated} webhooks as if it had registered
     * itself through Reveni's API; {@code null} (the default) sends only to registered URLs.
     */
    public SandboxSettings withWebhookUrl(String value) {
        return new SandboxSettings(bindAddress, port, reveniApiKey, reveniStoreId, sitooAccountId, sitooApiId,
                sitooApiPassword, sitooSiteId, seedDefaults, trickle, trickleIntervalSeconds, randomSeed, value);
    }
}

package org.returnsbridge.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the standalone sandbox's settings: each option can be given as {@code --name=value} or as the
 * environment variable {@code SANDBOX_NAME} (dashes become underscores), and the argument wins. Unlike the
 * embedded default, the standalone demo trickles returns unless told not to.
 */
final class SandboxCommandLine {

    static final List<String> OPTIONS = List.of("port", "bind-address", "trickle", "trickle-interval-seconds",
            "seed", "seed-defaults", "reveni-api-key", "reveni-store-id", "sitoo-account-id", "sitoo-api-id",
            "sitoo-api-password", "sitoo-site-id", "webhook-url", "sitoo-faults", "reveni-faults");
    /** Options applied to the running server rather than to its settings (JSON as PUT /sandbox/faults/{vendor}). */
    static final List<String> FAULT_OPTIONS = List.of("sitoo-faults", "reveni-faults");

    private SandboxCommandLine() {
    }

    static SandboxSettings settings(String[] args, Map<String, String> env) {
        return apply(values(args, env), SandboxSettings.defaults().withTrickle(true));
    }

    /** The fault settings given on the command line, by vendor ("sitoo" or "reveni"), as JSON. */
    static Map<String, String> faults(String[] args, Map<String, String> env) {
        Map<String, String> faults = new LinkedHashMap<>();
        values(args, env).forEach((option, value) -> {
            if (FAULT_OPTIONS.contains(option)) {
                faults.put(option.substring(0, option.indexOf('-')), value);
            }
        });
        return faults;
    }

    private static Map<String, String> values(String[] args, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String option : OPTIONS) {
            String fromEnv = env.get(envName(option));
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(option, fromEnv.trim());
            }
        }
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'\n" + usage());
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "\n" + usage());
            }
            values.put(name, arg.substring(arg.indexOf('=') + 1).trim());
        }
        return values;
    }

    static String envName(String option) {
        return "SANDBOX_" + option.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    static String usage() {
        StringBuilder text = new StringBuilder("options (argument --name=value, or environment variable):\n");
        OPTIONS.forEach(option -> text.append("  --").append(option).append("   ").append(envName(option)).append('\n'));
        text.append("  'seed' is the random seed (a number); a true/false value is read as seed-defaults.");
        return text.toString();
    }

    private static SandboxSettings apply(Map<String, String> values, SandboxSettings start) {
        SandboxSettings s = start;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String v = entry.getValue();
            s = switch (entry.getKey()) {
                case "port" -> s.withPort(number(entry.getKey(), v));
                case "bind-address" -> s.withBindAddress(v);
                case "trickle" -> s.withTrickle(flag(entry.getKey(), v));
                case "trickle-interval-seconds" -> s.withTrickleIntervalSeconds(number(entry.getKey(), v));
                // SANDBOX_SEED is read both ways, since "seed" could mean either thing to whoever sets it.
                case "seed" -> isFlag(v) ? s.withSeedDefaults(flag("seed", v)) : s.withRandomSeed(longNumber("seed", v));
                case "seed-defaults" -> s.withSeedDefaults(flag(entry.getKey(), v));
                case "reveni-api-key" -> s.withReveniApiKey(v);
                case "reveni-store-id" -> s.withReveniStoreId(v);
                case "sitoo-account-id" -> s.withSitooAccountId(v);
                case "sitoo-api-id" -> s.withSitooApiId(v);
                case "sitoo-api-password" -> s.withSitooApiPassword(v);
                case "sitoo-site-id" -> s.withSitooSiteId(number(entry.getKey(), v));
                case "webhook-url" -> s.withWebhookUrl(v);
                default -> s;
            };
        }
        return s;
    }

    private static boolean isFlag(String value) {
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
    }

    private static boolean flag(String name, String value) {
        if (!isFlag(value)) {
            throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static long longNumber(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }
}

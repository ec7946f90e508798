package org.returnsbridge.claims;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The name this node writes into its claims, so a claim tells who holds it and a node releases only its own. */
public final class NodeIdentity {

    private static final SecureRandom RANDOM = new SecureRandom();

    private NodeIdentity() {}

    /** The configured id, or host name, process id and a random part: unique even for two processes of one host. */
    public static String resolve(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        host = host.replaceAll("[^A-Za-z0-9.-]", "-");
        if (host.length() > 40) {
            host = host.substring(0, 40);
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + randomHex(2);
    }

    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

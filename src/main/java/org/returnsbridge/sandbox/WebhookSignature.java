package org.returnsbridge.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reveni's {@code X-REVENI-SIGNATURE} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} keyed with the
 * merchant's API key over {@code t + "." + raw body}, exactly as the contract's webhook section says.
 */
final class WebhookSignature {

    static final String HEADER = "X-REVENI-SIGNATURE";

    private WebhookSignature() {
    }

    static String header(String apiKey, long unixSeconds, byte[] body) {
        String t = Long.toString(unixSeconds);
        return "t=" + t + ",v1=" + hmacHex(apiKey, t, body);
    }

    /** Over the raw bytes, never a re-serialization: a receiver verifies the bytes it got. */
    static String hmacHex(String apiKey, String t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

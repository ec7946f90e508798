package org.returnsbridge.webhooks;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reveni's webhook signature (shared/contracts/reveni-api.md): {@code X-REVENI-SIGNATURE: t=<unix seconds>,
 * v1=<hex>}, where v1 = HMAC-SHA256(key = the merchant's API key, message = t + "." + the raw body). Checked
 * over the raw bytes, before the body is parsed, in constant time; other schemes are ignored, and a
 * timestamp outside the tolerance is refused so a captured delivery cannot be replayed later.
 */
public final class ReveniSignature {

    public enum Verdict { VALID, MISSING, MALFORMED, STALE, MISMATCH }

    private final byte[] key;
    private final Duration tolerance;

    public ReveniSignature(String apiKey, Duration tolerance) {
        this.key = apiKey.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
    }

    public Verdict verify(String header, byte[] rawBody, Instant now) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        String timestamp = null;
        List<String> v1 = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (name.equals("t")) {
                timestamp = value;
            } else if (name.equals("v1")) {
                v1.add(value);
            }
        }
        if (timestamp == null || v1.isEmpty()) {
            return Verdict.MALFORMED;
        }
        Instant signedAt;
        try {
            BigDecimal seconds = new BigDecimal(timestamp);
            signedAt = Instant.ofEpochSecond(seconds.longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            return Verdict.MALFORMED;
        }
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            return Verdict.STALE;
        }
        byte[] expected = hmac(timestamp, rawBody);
        for (String candidate : v1) {
            byte[] given;
            try {
                given = HexFormat.of().parseHex(candidate.toLowerCase());
            } catch (IllegalArgumentException notHex) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return Verdict.VALID;
            }
        }
        return Verdict.MISMATCH;
    }

    /** The signature Reveni would send for this body at this time: for the sandbox and tests. */
    public String sign(String timestamp, byte[] rawBody) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(timestamp, rawBody));
    }

    private byte[] hmac(String timestamp, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(rawBody);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}

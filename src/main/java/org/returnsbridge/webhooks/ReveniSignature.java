package org.returnsbridge.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reveni's webhook signature (shared/contracts/reveni-api.md): {@code X-REVENI-SIGNATURE: t=<unix seconds>,
 * v1=<hex>}, where v1 = HMAC-SHA256(key = the merchant's API key, message = t + "." + the raw body). Checked
 * over the raw bytes, before the body is parsed, in constant time; other schemes are ignored, and a
 * timestamp outside the tolerance is refused so a captured delivery cannot be replayed later.
 *
 * <p>Everything but the HMAC itself is decided from the header alone ({@link #checkHeader}), so a request
 * that cannot be genuine is refused before its body is read.
 */
public final class ReveniSignature {

    /**
     * MISSING: no header, or none in a scheme the bridge checks (v1). MALFORMED: the header is not
     * {@code t=<unix seconds>,v1=<hex>} — no {@code t}, or a {@code t} that is not a plain, non-negative
     * number of seconds of at most 12 digits (with an optional fraction). STALE: {@code t} is outside the
     * tolerance. MISMATCH: no v1 matches the body. HEADER_OK: the header alone gives no reason to refuse.
     */
    public enum Verdict { VALID, MISSING, MALFORMED, STALE, MISMATCH, HEADER_OK }

    /** Unix seconds as Reveni sends them ("1661518366" or "1661518366.123"): no sign, no exponent, bounded. */
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,18})?");

    /** A header parsed, not yet checked against a body. */
    public record Header(Verdict verdict, String timestamp, List<String> v1) {}

    private final byte[] key;
    private final Duration tolerance;

    public ReveniSignature(String apiKey, Duration tolerance) {
        this.key = apiKey.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
    }

    /** What the header alone decides: MISSING, MALFORMED, STALE, or HEADER_OK (the body must still match). */
    public Header checkHeader(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return new Header(Verdict.MISSING, null, List.of());
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
        if (timestamp == null || !TIMESTAMP.matcher(timestamp).matches()) {
            return new Header(Verdict.MALFORMED, timestamp, v1);
        }
        if (v1.isEmpty()) {
            return new Header(Verdict.MISSING, timestamp, v1);
        }
        int dot = timestamp.indexOf('.');
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(dot < 0 ? timestamp : timestamp.substring(0, dot)));
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            return new Header(Verdict.STALE, timestamp, v1);
        }
        return new Header(Verdict.HEADER_OK, timestamp, v1);
    }

    public Verdict verify(String header, byte[] rawBody, Instant now) {
        return verify(checkHeader(header, now), rawBody);
    }

    /** The body against a header {@link #checkHeader} passed: VALID or MISMATCH (else the header's verdict). */
    public Verdict verify(Header header, byte[] rawBody) {
        if (header.verdict() != Verdict.HEADER_OK) {
            return header.verdict();
        }
        byte[] expected = hmac(header.timestamp(), rawBody);
        for (String candidate : header.v1()) {
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

package org.returnsbridge.flow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The externalids the bridge's stock-ins carry in Sitoo. A single line's is {@code rv-<Reveni item id>};
 * a batch's (interval mode) is {@code rvb-<random>}, recorded on each of its lines before it is sent. Sitoo allows
 * {@code [A-Za-z0-9_-]}, at most 40 characters; Reveni ids are 32 hex characters, so they fit as they
 * are. Anything else is hashed rather than cut, so two long ids can never collide on a shared prefix.
 */
public final class StockInIds {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,37}");

    private StockInIds() {}

    /** Every externalid the bridge writes matches this, and nothing else should (reconciliation relies on it). */
    public static final Pattern OURS = Pattern.compile("rv[hb]?-[A-Za-z0-9_-]+");

    public static String newBatchExternalId() {
        return "rvb-" + java.util.UUID.randomUUID().toString().replace("-", "");
    }

    public static boolean isBatch(String externalId) {
        return externalId != null && externalId.startsWith("rvb-");
    }

    public static String externalIdFor(String itemId) {
        if (SAFE.matcher(itemId).matches()) {
            return "rv-" + itemId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(itemId.getBytes(StandardCharsets.UTF_8));
            return "rvh-" + HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.returnsbridge.flow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The externalid a line's stock-in carries in Sitoo: {@code rv-<Reveni item id>}. Sitoo allows
 * {@code [A-Za-z0-9_-]}, at most 40 characters; Reveni ids are 32 hex characters, so they fit as they
 * are. Anything else is hashed rather than cut, so two long ids can never collide on a shared prefix.
 */
public final class StockInIds {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,37}");

    private StockInIds() {}

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

package org.returnsbridge.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a vendor's answer body, refusing one larger than a limit: a vendor that sends a huge page must
 * not be able to exhaust the bridge's memory. Camel spools large bodies to disk, so the limit is checked
 * while reading, before anything is held as a String.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    /**
     * @return the body as UTF-8 text, or null when there is none
     * @throws ResponseTooLargeException when the body is larger than {@code maxBytes}
     */
    public static String read(InputStream in, long maxBytes) throws IOException {
        if (in == null) {
            return null;
        }
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(chunk)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new ResponseTooLargeException(maxBytes);
                }
                buffer.write(chunk, 0, n);
            }
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    /** A short excerpt for reasons and logs; vendor bodies can be large. */
    public static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}

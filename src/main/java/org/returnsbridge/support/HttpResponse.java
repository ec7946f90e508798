package org.returnsbridge.support;

import java.util.OptionalLong;

/** What a vendor answered: status, body and the one header the bridge acts on. */
public record HttpResponse(int status, String body, String retryAfter) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** 429 and 5xx: the vendor may answer differently if asked again later. */
    public boolean isTransientFailure() {
        return status == 429 || status >= 500;
    }

    public OptionalLong retryAfterSeconds() {
        if (retryAfter == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A short excerpt for reasons and logs; vendor bodies can be large. */
    public String bodyExcerpt() {
        if (body == null) {
            return "";
        }
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}

package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * (Sandbox extension) How one page of the unfiltered product list (a catalogue read, never a SKU look-up)
 * fails, planned through {@code POST /sandbox/sitoo/catalogue-page-faults?count=&kind=&skip=} (after {@code skip}
 * reads answered normally).
 */
enum CataloguePageFault {

    /** Sitoo's 500 with its error body. */
    SERVER_ERROR("500"),
    /** Well-formed JSON, but one item's productid is not a number: only an exact reader notices. */
    BAD_ITEM("bad-item"),
    /** The body cut in half: not JSON at all. */
    TRUNCATED("truncated");

    private final String kind;

    CataloguePageFault(String kind) {
        this.kind = kind;
    }

    static CataloguePageFault of(String kind) {
        for (CataloguePageFault fault : values()) {
            if (fault.kind.equals(kind)) {
                return fault;
            }
        }
        throw ApiError.badRequest("kind must be 500, bad-item or truncated, was " + kind);
    }

    /** What the request answers instead of {@code page}, the page it would have answered. */
    HttpAnswer answer(HttpAnswer page) {
        return switch (this) {
            case SERVER_ERROR -> throw new ApiError(500, "planned catalogue page failure");
            case BAD_ITEM -> {
                ObjectNode envelope = envelopeOf(page);
                ArrayNode items = (ArrayNode) envelope.path("items");
                ObjectNode bad = items.isEmpty() ? items.addObject() : (ObjectNode) items.get(0);
                bad.put("productid", "not-a-number");
                yield HttpAnswer.json(200, envelope);
            }
            case TRUNCATED -> {
                String text = page.bodyText();
                yield HttpAnswer.jsonText(200, text.substring(0, text.length() / 2));
            }
        };
    }

    private static ObjectNode envelopeOf(HttpAnswer page) {
        try {
            return (ObjectNode) JsonHttp.MAPPER.readTree(page.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the sandbox's own page is not JSON", e);
        }
    }
}

package org.returnsbridge.sitoo;

/** A page of Sitoo's product list that cannot be read exactly: the warm-up stops, nothing of the page is kept. */
public class MalformedCataloguePageException extends RuntimeException {

    public MalformedCataloguePageException(String reason) {
        super("Sitoo's product list page is malformed: " + reason);
    }
}

package org.returnsbridge.operations;

/** A request the page cannot answer as asked (an unknown state, a malformed date): shown as a 400 page saying why. */
class PageInputException extends RuntimeException {

    PageInputException(String message) {
        super(message);
    }
}

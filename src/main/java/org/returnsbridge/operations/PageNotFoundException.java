package org.returnsbridge.operations;

/** What was asked for does not exist (a return the ledger never saw): shown as a 404 page saying so. */
class PageNotFoundException extends RuntimeException {

    PageNotFoundException(String message) {
        super(message);
    }
}

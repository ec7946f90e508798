package org.returnsbridge.sandbox;

/** What the fault injector decided for one vendor request, before the request reaches the fake API. */
record RequestFault(Kind kind, long slowMillis, int retryAfterSeconds, boolean dropAfterCommit) {

    enum Kind { NONE, OUTAGE, DROP, TOO_MANY_REQUESTS_WITH_RETRY_AFTER, TOO_MANY_REQUESTS, SERVER_ERROR }

    static final RequestFault NONE = new RequestFault(Kind.NONE, 0, 0, false);
}

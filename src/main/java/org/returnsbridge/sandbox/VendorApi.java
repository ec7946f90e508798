package org.returnsbridge.sandbox;

/**
 * One fake vendor API. {@link VendorEndpoint} wraps it with call counting and fault injection, so the API
 * itself only has to behave like the vendor on a good day.
 */
interface VendorApi {

    /** "reveni" or "sitoo": the first word of call-count keys and the fault target name. */
    String vendor();

    /** Names the call for counting, e.g. "POST warehousetransactions". */
    String callName(HttpCall call);

    HttpAnswer handle(HttpCall call);

    /** The vendor's own error body for a status, used for refusals and for injected faults alike. */
    HttpAnswer error(int status, String message);

    /** True for writes whose answer {@code holdAfterCommitMillis} delays after they are applied. */
    boolean commitsState(HttpCall call);
}

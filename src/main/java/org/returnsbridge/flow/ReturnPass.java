package org.returnsbridge.flow;

/**
 * One pass of the return route over one state of a return, shared by reference with every exchange the pass
 * splits off (its lines, its refunds, their redeliveries): a failure that not even the exception queue took is
 * marked here, so that the pass is not taken for a settled one (the state would be skipped when read again, and
 * the failure never filed).
 */
public final class ReturnPass {

    public static final String PROPERTY = "returnPass";

    private volatile boolean unrecordedFailure;

    public static ReturnPass begin() {
        return new ReturnPass();
    }

    void failedUnrecorded() {
        unrecordedFailure = true;
    }

    boolean hadUnrecordedFailure() {
        return unrecordedFailure;
    }
}

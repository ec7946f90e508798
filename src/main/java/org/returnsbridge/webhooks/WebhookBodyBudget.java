package org.returnsbridge.webhooks;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of webhook bodies being read at once, process-wide. A request takes its share before it reads
 * (its Content-Length, or the largest body allowed when it declares none) and gives it back when it is done
 * with the body, answered or refused. Taking never waits: when the budget is spent the request is answered
 * 503 at once, so unauthenticated senders can neither exhaust the heap nor queue up threads behind it.
 */
public final class WebhookBodyBudget {

    private final int capacity;
    private final Semaphore bytes;
    private final AtomicLong peak = new AtomicLong();

    public WebhookBodyBudget(long capacity) {
        if (capacity < 1 || capacity > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("budget must be 1.." + Integer.MAX_VALUE + " bytes, got " + capacity);
        }
        this.capacity = (int) capacity;
        this.bytes = new Semaphore(this.capacity);
    }

    /** A share of the budget, or null when it is spent. Close it when the body is no longer held. */
    public Share tryTake(long size) {
        if (size < 0 || size > capacity) {
            return null;
        }
        int n = (int) size;
        if (!bytes.tryAcquire(n)) {
            return null;
        }
        peak.accumulateAndGet(inFlight(), Math::max);
        return new Share(n);
    }

    public long capacity() {
        return capacity;
    }

    /** Bytes taken right now: what the semaphore has given out. */
    public long inFlight() {
        return capacity - bytes.availablePermits();
    }

    /** The most ever taken at once since start (or {@link #resetPeak()}). */
    public long peak() {
        return peak.get();
    }

    public void resetPeak() {
        peak.set(inFlight());
    }

    public final class Share implements AutoCloseable {
        private final int size;
        private boolean released;

        private Share(int size) {
            this.size = size;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                bytes.release(size);
            }
        }
    }
}

package org.returnsbridge.support;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of locks shared out by key: work on the same key (a line, a return) runs one at a time
 * inside this JVM, work on different keys mostly in parallel, and the memory used never grows.
 */
public final class StripedLocks {

    private final ReentrantLock[] stripes;

    public StripedLocks(int count) {
        stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    public ReentrantLock forKey(String key) {
        return stripes[Math.floorMod(key == null ? 0 : key.hashCode(), stripes.length)];
    }
}

package org.returnsbridge.sandbox;

import java.util.Random;

/** Reveni ids: 32 lower-case hex characters, a UUID without dashes, drawn from a seeded Random so demos repeat. */
final class Ids {

    private Ids() {
    }

    static String hex32(Random random) {
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }
}

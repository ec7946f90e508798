package org.returnsbridge.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The returns of the chaos run, from one seed: a backlog that is in Reveni before any bridge starts, and the
 * changes that arrive as webhooks while the cluster drains it (late inspections of held lines, refunds added
 * afterwards, brand-new returns).
 *
 * <p>The mix per line: 55 % sellable, 15 % damaged, 7 % rejected, 13 % not inspected yet, 10 % exchanged
 * (sellable, with a new SKU instead of money); 15 % of non-exchanged lines are two units. Half the returns carry a
 * refund, a third of those partial (one line of several), and some of the partial ones a second refund.
 */
final class ChaosBacklog {

    /** The sandbox's default world: these locations map to Sitoo warehouses 1..3 in the project's mappings. */
    private static final String[] LOCATIONS = {"store-stockholm-01", "store-goteborg-01", "dc-boras"};
    private static final String[] SKUS = {"10038-1", "10038-2", "10038-3", "20417-S", "20417-M", "20417-L",
            "30112-38", "30112-39", "30112-40", "30112-41", "30112-42", "40001-1"};

    /** One change the run sends while the cluster works: applied, then the return is stored again. */
    record Change(ClusterReturn ret, Runnable apply) {
    }

    private final Random random;
    private final List<ClusterReturn> all = new ArrayList<>();
    private int orderNumber = 500_000;

    ChaosBacklog(long seed) {
        this.random = new Random(seed);
    }

    /** The backlog: {@code count} returns as they stand before the cluster starts. */
    List<ClusterReturn> backlog(int count) {
        List<ClusterReturn> returns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            returns.add(newReturn());
        }
        return returns;
    }

    /**
     * Changes for the run: every third backlog return with held lines gets inspected (and, half the time, refunded
     * afterwards), and one new return per 20 of the backlog is created. Interleaved, in a seeded order.
     */
    List<Change> changesDuringRun(List<ClusterReturn> backlog) {
        List<Change> changes = new ArrayList<>();
        int held = 0;
        for (ClusterReturn ret : backlog) {
            if (ret.hasPendingLines() && held++ % 3 == 0) {
                boolean refundAfterwards = random.nextBoolean();
                changes.add(new Change(ret, () -> {
                    ret.inspectPending(random);
                    if (refundAfterwards) {
                        ret.refund(random, false);
                    }
                }));
            }
        }
        for (int i = 0; i < backlog.size() / 20; i++) {
            ClusterReturn fresh = newReturn();
            changes.add(new Change(fresh, () -> { }));
        }
        java.util.Collections.shuffle(changes, random);
        return changes;
    }

    /** Every return made so far, in its current state. */
    List<ClusterReturn> all() {
        return List.copyOf(all);
    }

    private ClusterReturn newReturn() {
        int location = random.nextInt(LOCATIONS.length);
        ClusterReturn ret = new ClusterReturn(random, ++orderNumber, LOCATIONS[location], location + 1);
        double lines = random.nextDouble();
        int lineCount = lines < 0.5 ? 1 : lines < 0.85 ? 2 : 3;
        for (int i = 0; i < lineCount; i++) {
            String sku = SKUS[random.nextInt(SKUS.length)];
            double roll = random.nextDouble();
            if (roll >= 0.90) {
                ret.addLine(random, sku, 1, ClusterReturn.Fate.SELLABLE, SKUS[random.nextInt(SKUS.length)]);
                continue;
            }
            ClusterReturn.Fate fate = roll < 0.55 ? ClusterReturn.Fate.SELLABLE
                    : roll < 0.70 ? ClusterReturn.Fate.DAMAGED
                    : roll < 0.77 ? ClusterReturn.Fate.REJECTED
                    : ClusterReturn.Fate.PENDING;
            ret.addLine(random, sku, random.nextDouble() < 0.15 ? 2 : 1, fate, null);
        }
        if (random.nextBoolean()) {
            boolean partial = lineCount > 1 && random.nextInt(3) == 0;
            if (ret.refund(random, partial) && partial && random.nextBoolean()) {
                ret.refund(random, true); // a second refund on the same return: a second order
            }
        }
        all.add(ret);
        return ret;
    }
}

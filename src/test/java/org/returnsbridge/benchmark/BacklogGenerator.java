package org.returnsbridge.benchmark;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Deterministic returns: one seeded stream, so the first N returns are the same whether a run asks for 20
 * or 40 000 of them (the naive baseline's sample is the start of the very backlog the bridge drains).
 *
 * <p>The mix: about 2.5 lines per return; per line 65 % sellable, 20 % damaged, 5 % accepted but unsellable,
 * 5 % rejected, 5 % not inspected yet; mostly one unit, sometimes two or three; SKUs by a skewed
 * popularity; locations with the distribution centre taking the largest share.
 */
final class BacklogGenerator {

    private static final List<String> REASONS =
            List.of("size_too_small", "size_too_large", "changed_mind", "defective", "not_as_described");
    /** Lines per return 1..5: mean 2.48. */
    private static final double[] LINES_CUMULATIVE = {0.25, 0.55, 0.80, 0.92, 1.0};

    private final BenchmarkCatalogue catalogue;
    private final Random random;
    private int orderNumber = 100_000;

    BacklogGenerator(BenchmarkCatalogue catalogue, long seed) {
        this.catalogue = catalogue;
        this.random = new Random(seed);
    }

    /** The next return, with at most {@code maxLines} lines (so a run can stop at an exact line count). */
    PlannedReturn next(int maxLines) {
        String id = hex32();
        String orderId = hex32();
        BenchmarkCatalogue.Location location = catalogue.pickLocation(random);
        int lineCount = Math.min(maxLines, lineCount());
        List<PlannedReturn.PlannedLine> lines = new ArrayList<>(lineCount);
        for (int i = 0; i < lineCount; i++) {
            lines.add(new PlannedReturn.PlannedLine(hex32(), catalogue.pickArticle(random), quantity(),
                    REASONS.get(random.nextInt(REASONS.size())), fate()));
        }
        return new PlannedReturn(id, orderId, ++orderNumber, location, List.copyOf(lines));
    }

    private int lineCount() {
        double roll = random.nextDouble();
        for (int i = 0; i < LINES_CUMULATIVE.length; i++) {
            if (roll < LINES_CUMULATIVE[i]) {
                return i + 1;
            }
        }
        return LINES_CUMULATIVE.length;
    }

    private int quantity() {
        double roll = random.nextDouble();
        return roll < 0.85 ? 1 : roll < 0.97 ? 2 : 3;
    }

    private PlannedReturn.Fate fate() {
        double roll = random.nextDouble();
        if (roll < 0.65) {
            return PlannedReturn.Fate.SELLABLE;
        }
        if (roll < 0.85) {
            return PlannedReturn.Fate.DAMAGED;
        }
        if (roll < 0.90) {
            return PlannedReturn.Fate.UNSELLABLE;
        }
        if (roll < 0.95) {
            return PlannedReturn.Fate.REJECTED;
        }
        return PlannedReturn.Fate.NOT_INSPECTED;
    }

    /** Reveni ids: 32 lower-case hex characters. */
    private String hex32() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

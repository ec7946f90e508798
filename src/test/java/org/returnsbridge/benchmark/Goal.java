package org.returnsbridge.benchmark;

import java.util.Locale;

/**
 * One of the goals and how the run measured against it. {@code result} is "met", "missed", or why
 * it could not be judged ("not run", "not comparable: ..."); {@code margin} says by how much. {@code sample}
 * names the sizes the figure rests on (returns, lines, units, events), and {@code basis} whether the figure
 * was measured whole or extrapolated from a part, so that a small run cannot pass for a full one.
 */
public record Goal(String goal, String target, String measured, String result, String margin, String sample, String basis) {

    static final String MEASURED = "measured";
    static final String EXTRAPOLATED = "extrapolated";
    static final String NOT_RUN = "not run";

    Goal(String goal, String target, String measured, String result, String margin) {
        this(goal, target, measured, result, margin, "—", "—");
    }

    static Goal notJudged(String goal, String target, String why) {
        return new Goal(goal, target, "—", why, "");
    }

    /** The same goal with the sizes its figure rests on, and whether it was extrapolated. */
    Goal on(String sampleSizes, boolean extrapolated) {
        return new Goal(goal, target, measured, result, margin, sampleSizes, extrapolated ? EXTRAPOLATED : MEASURED);
    }

    /** An unjudged goal with the sizes of what did run, so the row says what it would have rested on. */
    Goal beside(String sampleSizes) {
        return new Goal(goal, target, measured, result, margin, sampleSizes, "—");
    }

    /** A judged goal shown for a run of another size than the goal's: the verdict is kept, but only as a hint. */
    Goal notComparable(String why) {
        return new Goal(goal, target, measured, "not comparable", why + "; at this size: "
                + (margin.isEmpty() ? result : margin), sample, basis);
    }

    boolean met() {
        return "met".equals(result);
    }

    /** A goal of at least {@code target}. */
    static Goal atLeast(String goal, String target, double value, double wanted, String measured, String unit) {
        boolean met = value >= wanted;
        double diff = Math.abs(value - wanted);
        String margin = (met ? "met by " : "missed by ") + fmt(diff) + unit + " (" + percent(value, wanted) + ")";
        return new Goal(goal, target, measured, met ? "met" : "missed", margin);
    }

    /** A goal of at most {@code target}. */
    static Goal atMost(String goal, String target, double value, double wanted, String measured, String unit) {
        boolean met = value <= wanted;
        double diff = Math.abs(value - wanted);
        String how = !met ? "missed by " + fmt(diff) + unit
                : diff == 0 ? "met exactly" : "met with " + fmt(diff) + unit + " to spare";
        String margin = how + " (" + percent(value, wanted) + ")";
        return new Goal(goal, target, measured, met ? "met" : "missed", margin);
    }

    private static String percent(double value, double wanted) {
        double change = (value - wanted) / wanted * 100;
        return String.format(Locale.ROOT, "%+.0f %% against the target", change);
    }

    static String fmt(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return Math.abs(value) < 1 ? String.format(Locale.ROOT, "%.3f", value) : String.format(Locale.ROOT, "%,.1f", value);
    }
}

package org.returnsbridge.testsupport;

/**
 * How big a heavy scenario runs. The suite (CI, {@code mvn verify}) runs each heavy scenario at a size that still
 * proves its point within seconds; {@code -Dscenario.size=full} runs every one at the size it was designed for,
 * and a scenario's own property ({@code -Dcluster.returns=N} and the like) sets that one size exactly.
 */
public final class ScenarioSize {

    /** {@code -Dscenario.size=full}: every heavy scenario at full size. */
    public static final String PROPERTY = "scenario.size";

    private ScenarioSize() {
    }

    /** True when the run asks for full-size scenarios. */
    public static boolean full() {
        return "full".equalsIgnoreCase(System.getProperty(PROPERTY, "ci").trim());
    }

    /**
     * The size named by {@code property} when it is set; otherwise {@code fullSize} under
     * {@code -Dscenario.size=full} and {@code ciSize} in the suite.
     */
    public static int of(String property, int ciSize, int fullSize) {
        return Integer.getInteger(property, full() ? fullSize : ciSize);
    }
}

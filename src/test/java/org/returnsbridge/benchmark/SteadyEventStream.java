package org.returnsbridge.benchmark;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Return changes for the steady-state run, one per tick, each becoming one signed webhook from the sandbox.
 * Returns walk Reveni's lifecycle — created (incomplete), in_progress, shipped, received, sometimes a partial
 * inspection (for_review), then inspected — with a fixed number of ticks between a return's steps, and a
 * tick with no step due starts a new return. So the event rate is exactly the tick rate, every event type
 * keeps its share, and only the inspection steps lead to stock-ins. Which event comes on which tick depends
 * on the seed alone, never on timing.
 */
final class SteadyEventStream {

    /** One return change: the k-th ({@code step}) state of a return, and the lines it makes restockable. */
    record Event(long tick, PlannedReturn ret, int step, ObjectNode json, List<PlannedReturn.PlannedLine> newlyRestockable) {
    }

    private record Stage(String status, int inspected) {
    }

    private static final class InFlight {
        final PlannedReturn ret;
        final List<Stage> stages;
        int next;
        long dueTick;

        InFlight(PlannedReturn ret, List<Stage> stages) {
            this.ret = ret;
            this.stages = stages;
        }
    }

    private final BacklogGenerator generator;
    private final Random random;
    private final long ticksBetweenSteps;
    private final Deque<InFlight> inFlight = new ArrayDeque<>(); // FIFO is due order: every step waits the same

    /** @param ticksBetweenSteps at least a second's worth of ticks, as a real return's changes are apart */
    SteadyEventStream(BenchmarkCatalogue catalogue, long seed, long ticksBetweenSteps) {
        this.generator = new BacklogGenerator(catalogue, seed);
        this.random = new Random(seed ^ 0x57EADL);
        this.ticksBetweenSteps = ticksBetweenSteps;
    }

    Event next(long tick) {
        InFlight head = inFlight.peekFirst();
        InFlight current;
        if (head != null && head.dueTick <= tick) {
            current = inFlight.pollFirst();
        } else {
            PlannedReturn ret = generator.next(Integer.MAX_VALUE);
            current = new InFlight(ret, stagesOf(ret));
        }
        int step = current.next++;
        Stage stage = current.stages.get(step);
        ObjectNode json = current.ret.render(stage.status(), stage.inspected());
        String status = json.get("status").asText();
        List<PlannedReturn.PlannedLine> newly = new ArrayList<>();
        if (step > 0) {
            Stage before = current.stages.get(step - 1);
            String statusBefore = current.ret.render(before.status(), before.inspected()).get("status").asText();
            for (int i = 0; i < current.ret.lines().size(); i++) {
                if (current.ret.restockable(i, stage.inspected(), status)
                        && !current.ret.restockable(i, before.inspected(), statusBefore)) {
                    newly.add(current.ret.lines().get(i));
                }
            }
        }
        if (current.next < current.stages.size()) {
            current.dueTick = tick + ticksBetweenSteps;
            inFlight.addLast(current);
        }
        return new Event(tick, current.ret, step, json, List.copyOf(newly));
    }

    private List<Stage> stagesOf(PlannedReturn ret) {
        List<Stage> stages = new ArrayList<>(List.of(new Stage("incomplete", 0), new Stage("in_progress", 0),
                new Stage("shipped", 0), new Stage("received", 0)));
        int lines = ret.lines().size();
        if (lines > 1 && random.nextBoolean()) {
            stages.add(new Stage(null, lines / 2)); // some lines inspected, the rest still pending: for_review
        }
        stages.add(new Stage(null, lines));
        return stages;
    }
}

package org.returnsbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.BridgeProcesses;

/**
 * Two nodes share one PostgreSQL: the poll runs on one of them at a time, and when the node that polls is killed
 * (SIGKILL: no shutdown, its check-in row simply goes stale) the other takes the poll over within 30 s, and every
 * return is restocked exactly once.
 */
class PollFailoverIT {

    private static final String SCARF = "10038-1";
    private static final Duration FAILOVER = Duration.ofSeconds(30);

    private TwoNodeCluster cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theNodeThatOwnsThePollIsKilledAndAnotherPollsWithin30Seconds() throws Exception {
        cluster = new TwoNodeCluster("poll-failover");
        Map<String, Process> nodes = Map.of(
                "node-a", cluster.startNode("node-a", Map.of()),
                "node-b", cluster.startNode("node-b", Map.of()));
        await("both nodes joined the cluster").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> nodes.keySet().stream().allMatch(n -> cluster.logged(n, TwoNodeCluster.SCHEDULER_READY)));

        String first = newId();
        cluster.sandbox.putReturn(aReturn().sellable(first, SCARF, 1).json());
        await("the cluster restocks a return").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> cluster.sandbox.stock(1, SCARF).signum() > 0);

        // The poll that restocked it logs its end only after its last line: on a loaded machine the first poll of
        // all can be that one, still running when the stock shows.
        await("a poll has ended").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> nodes.keySet().stream().anyMatch(n -> !cluster.logLines(n, TwoNodeCluster.POLLED).isEmpty()));
        String owner = lastToPoll(nodes.keySet());
        String survivor = owner.equals("node-a") ? "node-b" : "node-a";
        int survivorPollsBefore = cluster.logLines(survivor, TwoNodeCluster.POLLED).size();
        BridgeProcesses.kill(nodes.get(owner));
        long killedAt = System.nanoTime();

        String second = newId();
        cluster.sandbox.putReturn(aReturn().location("dc-boras").sellable(second, SCARF, 1).json());
        await("the survivor polls").atMost(FAILOVER).pollInterval(Duration.ofMillis(250))
                .until(() -> cluster.logLines(survivor, TwoNodeCluster.POLLED).size() > survivorPollsBefore);
        Duration failover = Duration.ofNanos(System.nanoTime() - killedAt);
        await("the survivor restocks the return put after the kill").atMost(FAILOVER.minus(failover))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> cluster.sandbox.stock(3, SCARF).signum() > 0);
        System.out.printf("poll failover: %s killed, %s polled after %d ms%n", owner, survivor, failover.toMillis());

        assertThat(nodes.get(survivor).isAlive()).isTrue();
        assertThat(cluster.sandbox.warehouseTransactions()).as("one stock-in per line, from whichever node").hasSize(2);
        assertThat(cluster.sandbox.stock(1, SCARF)).isEqualByComparingTo("1");
        assertThat(cluster.sandbox.stock(3, SCARF)).isEqualByComparingTo("1");
    }

    /** The node whose log shows the latest poll (lines start with HH:mm:ss.SSS; the test runs within a day). */
    private String lastToPoll(Iterable<String> nodes) {
        String latestNode = null;
        String latest = "";
        for (String node : nodes) {
            List<String> polls = cluster.logLines(node, TwoNodeCluster.POLLED);
            if (!polls.isEmpty()) {
                String at = polls.get(polls.size() - 1).substring(0, 12);
                if (at.compareTo(latest) > 0) {
                    latest = at;
                    latestNode = node;
                }
            }
        }
        assertThat(latestNode).as("a node has polled").isNotNull();
        return latestNode;
    }
}

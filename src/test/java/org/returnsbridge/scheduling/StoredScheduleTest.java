package org.returnsbridge.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.returnsbridge.BridgeApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The schedules live in the database and outlive the node that stored them: a node that stops leaves them for the
 * others (camel-quartz deletes no trigger from a clustered store), and a node started with a changed cron applies
 * it to the stored trigger instead of keeping the old one.
 */
class StoredScheduleTest {

    private final String database = "stored-schedule-" + System.nanoTime();

    @Test
    void aStoppedNodeLeavesItsSchedulesAndTheNextNodeAppliesAChangedCron() {
        try (ConfigurableApplicationContext first = startNode("0 0 3 * * ?")) {
            assertThat(pollCron(first)).containsExactly("0 0 3 * * ?");
        }
        // H2 in memory outlives the node (DB_CLOSE_DELAY=-1); the node itself runs as in production, without the
        // test contexts' redirection to PostgreSQL, so this test is H2's alone (not in the pom's postgresql.tests).
        DataSource stillThere = new DriverManagerDataSource(url(), "sa", "");
        assertThat(triggers(new JdbcTemplate(stillThere))).as("left for the other nodes")
                .contains("reveni-poll", "restock-sweep", "exception-sweep", "restock-batches", "webhook-inbox-sweep");

        try (ConfigurableApplicationContext second = startNode("0 15 4 * * ?")) {
            assertThat(pollCron(second)).containsExactly("0 15 4 * * ?");
        }
    }

    private ConfigurableApplicationContext startNode(String pollCron) {
        return new SpringApplicationBuilder(BridgeApplication.class).run(
                "--bridge.mode=sandbox", "--bridge.admin.username=ops", "--bridge.admin.password=Op3rator-pass",
                "--bridge.connections.sandbox.port=0", "--bridge.connections.sandbox.trickle=false",
                "--bridge.connections.sandbox.webhooks=false", "--bridge.reconciliation.enabled=false",
                "--server.port=0", "--bridge.poll.cron=" + pollCron,
                // A daily cron needs a poll-lag bound beyond a day, or start-up refuses it (health.HealthConfiguration).
                "--bridge.health.max-poll-lag=PT49H",
                "--spring.datasource.url=" + url());
    }

    private String url() {
        return "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
    }

    private static List<String> pollCron(ConfigurableApplicationContext node) {
        return node.getBean(JdbcTemplate.class).queryForList("SELECT cron_expression FROM qrtz_cron_triggers"
                + " WHERE sched_name = 'reveni-sitoo-bridge' AND trigger_name = 'reveni-poll'", String.class);
    }

    private static List<String> triggers(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT trigger_name FROM qrtz_triggers WHERE sched_name = 'reveni-sitoo-bridge'",
                String.class);
    }
}

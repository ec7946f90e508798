package org.returnsbridge.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.returnsbridge.testsupport.TestDatabase;
import org.springframework.boot.autoconfigure.quartz.QuartzProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

/**
 * The job store V9 creates works as the bridge configures it, on whichever database the test run uses (H2, or
 * PostgreSQL in the build's postgresql run): clustered, checked in, and firing a stateful job from the tables.
 */
class ClusteredSchedulerTest {

    static final CountDownLatch FIRED = new CountDownLatch(3);

    private SchedulerFactoryBean factory;

    @AfterEach
    void stop() throws Exception {
        if (factory != null) {
            factory.destroy();
        }
    }

    @Test
    void aClusteredSchedulerFiresStatefulJobsFromTheMigratedTables() throws Exception {
        DataSource dataSource = TestDatabase.dataSource("quartz-" + System.nanoTime());
        TestDatabase.flyway(dataSource).load().migrate();
        QuartzProperties quartz = new QuartzProperties();
        quartz.getProperties().put("org.quartz.threadPool.threadCount", "2");
        factory = new SchedulerFactoryBean();
        factory.setDataSource(dataSource);
        factory.setSchedulerName("schema-test");
        factory.setAutoStartup(false);
        new ClusteredScheduler(dataSource, quartz, new SchedulerProperties(Duration.ofSeconds(1))).customize(factory);
        factory.afterPropertiesSet();
        Scheduler scheduler = factory.getScheduler();
        scheduler.scheduleJob(JobBuilder.newJob(CountingJob.class).withIdentity("counting", "bridge").build(),
                TriggerBuilder.newTrigger().withIdentity("counting", "bridge")
                        .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever()).build());
        scheduler.start();

        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> FIRED.getCount() == 0);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForList("SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = 'schema-test'",
                String.class)).containsExactly(scheduler.getSchedulerInstanceId());
        assertThat(jdbc.queryForObject("SELECT is_nonconcurrent FROM qrtz_job_details WHERE job_name = 'counting'",
                Boolean.class)).isTrue();
    }

    @Test
    void aDatabaseWithoutTheSchedulerTablesIsRefusedByName() {
        assertThatThrownBy(() -> ClusteredScheduler.driverDelegateFor("MySQL"))
                .hasMessageStartingWith("SPRING_DATASOURCE_URL names a MySQL database");
        assertThat(ClusteredScheduler.driverDelegateFor("PostgreSQL")).endsWith("PostgreSQLDelegate");
        assertThat(ClusteredScheduler.driverDelegateFor("H2")).endsWith("StdJDBCDelegate");
    }

    @DisallowConcurrentExecution
    public static class CountingJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            FIRED.countDown();
        }
    }
}

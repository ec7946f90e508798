package org.returnsbridge.scheduling;

import java.sql.DatabaseMetaData;
import java.util.Locale;
import java.util.Properties;

import javax.sql.DataSource;

import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.springframework.boot.autoconfigure.quartz.QuartzProperties;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

/**
 * Quartz's job store as the cluster needs it, on top of spring.quartz (application.yml): clustered, one instance id
 * per process, the check-in interval of {@link SchedulerProperties}, and the driver delegate of the database the
 * application runs on (PostgreSQL stores job data as BYTEA, which only {@link PostgreSQLDelegate} reads; H2 takes
 * the standard one). Spring Boot's Quartz properties are applied first; these are added to them.
 */
final class ClusteredScheduler implements SchedulerFactoryBeanCustomizer {

    private final DataSource dataSource;
    private final QuartzProperties quartz;
    private final SchedulerProperties scheduler;

    ClusteredScheduler(DataSource dataSource, QuartzProperties quartz, SchedulerProperties scheduler) {
        this.dataSource = dataSource;
        this.quartz = quartz;
        this.scheduler = scheduler;
    }

    @Override
    public void customize(SchedulerFactoryBean factory) {
        Properties properties = new Properties();
        properties.putAll(quartz.getProperties());
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        // Host name and start time: a restarted node is a new instance, and its predecessor's schedules are recovered.
        properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval",
                String.valueOf(scheduler.checkinInterval().toMillis()));
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", driverDelegateFor(databaseProduct()));
        factory.setQuartzProperties(properties);
    }

    static String driverDelegateFor(String databaseProduct) {
        String product = databaseProduct.toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return PostgreSQLDelegate.class.getName();
        }
        if (product.equals("h2")) {
            return StdJDBCDelegate.class.getName();
        }
        throw new IllegalStateException("SPRING_DATASOURCE_URL names a " + databaseProduct + " database: the bridge"
                + " runs on PostgreSQL (production) or H2 (a single node), whose scheduler tables its migrations create");
    }

    private String databaseProduct() {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("the database (SPRING_DATASOURCE_URL) cannot be used: " + e.getMessage(), e);
        }
    }
}

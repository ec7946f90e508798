package org.returnsbridge.scheduling;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.quartz.QuartzProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SchedulingConfiguration {

    @Bean
    ClusteredScheduler clusteredScheduler(DataSource dataSource, QuartzProperties quartz, SchedulerProperties scheduler) {
        return new ClusteredScheduler(dataSource, quartz, scheduler);
    }
}

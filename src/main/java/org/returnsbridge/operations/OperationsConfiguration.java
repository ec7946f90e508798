package org.returnsbridge.operations;

import java.time.ZoneId;

import org.returnsbridge.BridgeProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The operations page: server-rendered views over the services the JSON API uses, for finance and store teams.
 * It sits on top of everything (returns, exceptions, reconciliation, mappings, the poll and Sitoo's circuit);
 * nothing depends on it. Sign-in and same-origin POSTs are the admin package's, as for every other path.
 */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

    @Bean
    FilterRegistrationBean<OperationsHeaders> operationsHeaders() {
        FilterRegistrationBean<OperationsHeaders> registration = new FilterRegistrationBean<>(new OperationsHeaders());
        registration.addUrlPatterns("/operations", "/operations/*", "/webjars/*");
        registration.setName("operationsHeaders");
        return registration;
    }

    @Bean
    PageTimes pageTimes(BridgeProperties props) {
        return new PageTimes(ZoneId.of(props.reconciliation().zone()));
    }
}

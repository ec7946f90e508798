package org.returnsbridge.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives each Spring test context a Quartz scheduler name of its own. Production nodes share one name so that they
 * share the schedules; test contexts living side by side in one JVM (Spring caches them) often share one database
 * too (bridge-route-tests), and with one name they would form a cluster and fire each other's triggers into the
 * wrong CamelContext. Registered in META-INF/spring.factories for every test context.
 */
public class SchedulerPerTestContext implements ContextCustomizerFactory {

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer();
    }

    static final class Customizer implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            String name = "test-context-" + CONTEXTS.incrementAndGet() + "-" + ProcessHandle.current().pid();
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("scheduler-per-test-context", Map.of("spring.quartz.scheduler-name", name)));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}

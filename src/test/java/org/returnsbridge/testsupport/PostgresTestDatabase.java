package org.returnsbridge.testsupport;

import java.util.List;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Runs every Spring test context on PostgreSQL when {@link TestDatabase#isPostgres()}: the in-memory H2 database a
 * test names (in its properties, dynamic or not) becomes the PostgreSQL database of that name, once every property
 * is bound. Other urls (H2 files: the durability tests) are left alone. Registered in META-INF/spring.factories;
 * on H2 (the default) it adds nothing.
 */
public class PostgresTestDatabase implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return TestDatabase.isPostgres() ? new Customizer() : null;
    }

    static final class Customizer implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getBeanFactory().addBeanPostProcessor(new Redirect());
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

    static final class Redirect implements BeanPostProcessor {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
            if (bean instanceof DataSourceProperties properties) {
                String url = TestDatabase.postgresUrlForH2(properties.getUrl());
                if (url != null) {
                    properties.setUrl(url);
                    properties.setUsername(TestDatabase.POSTGRES_USER);
                    properties.setPassword("");
                    properties.setDriverClassName(null);
                }
            }
            return bean;
        }
    }
}

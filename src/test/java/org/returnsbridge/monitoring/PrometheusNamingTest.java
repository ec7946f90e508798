package org.returnsbridge.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class PrometheusNamingTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    PrometheusNamingTest() {
        meters.config().meterFilter(new PrometheusNaming());
    }

    @Test
    void camelCaseTagKeysAndNamePartsBecomeSnakeCase() {
        Counter counter = meters.counter("spring.security.filterchains.SignInThrottleFilter.before",
                "routeId", "reveni-poll", "camelContext", "bridge");

        Meter.Id id = counter.getId();
        assertThat(id.getName()).isEqualTo("spring.security.filterchains.sign_in_throttle_filter.before");
        assertThat(id.getTag("route_id")).isEqualTo("reveni-poll");
        assertThat(id.getTag("camel_context")).isEqualTo("bridge");
        assertThat(id.getTag("routeId")).isNull();
        assertThat(id.getDescription()).isNotBlank();
    }

    @Test
    void aLibrarysOwnDescriptionIsKeptAndAMissingOneFilledIn() {
        assertThat(Counter.builder("camel.routes.added").description("its own").register(meters).getId()
                .getDescription()).isEqualTo("its own");
        assertThat(meters.counter("app.info").getId().getDescription()).contains("version");
    }

    @Test
    void metersWithUnitsPrometheusRefusesAreLeftOut() {
        meters.counter("jvm.compilation.time");
        meters.counter("process.cpu.time");

        assertThat(meters.find("jvm.compilation.time").meter()).isNull();
        assertThat(meters.find("process.cpu.time").meter()).isNull();
    }
}

package org.returnsbridge.reveni;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ProxyBuilder;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.support.VendorCallMeter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ReveniConfiguration {

    @Bean
    ReveniGatewayRoutes reveniGatewayRoutes(ReveniConnection connection, BridgeProperties props, MeterRegistry meters) {
        return new ReveniGatewayRoutes(new ReveniCallSteps(connection, props.limits().maxPageBytes()),
                new VendorCallMeter("reveni", ReveniCallSteps.URL, meters));
    }

    @Bean
    ReveniClient reveniClient(CamelContext camel, ReveniConnection connection, ObjectMapper json, BridgeProperties props)
            throws Exception {
        return new ReveniClient(proxy(camel, ReveniGatewayRoutes.RETURNS), proxy(camel, ReveniGatewayRoutes.WEBHOOKS),
                connection, json, props.poll().pageSize());
    }

    /** Camel's bean proxy: a method call becomes an exchange sent to the gateway route. */
    private static ReveniCall proxy(CamelContext camel, String endpoint) throws Exception {
        return new ProxyBuilder(camel).endpoint(endpoint).build(ReveniCall.class);
    }

    @Bean
    ReturnParser returnParser(BridgeProperties props) {
        return new ReturnParser(props.limits().maxLineQuantity());
    }
}

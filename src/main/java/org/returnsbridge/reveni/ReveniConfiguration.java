package org.returnsbridge.reveni;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ProxyBuilder;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.support.VendorReachability;
import org.springframework.beans.factory.annotation.Qualifier;
import org.returnsbridge.support.VendorCallMeter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ReveniConfiguration {

    /** The bean name of Reveni's {@link VendorReachability}. */
    public static final String REACHABILITY = "reveniReachability";

    /** Whether Reveni answered the calls already made, for the reveni health indicator. */
    @Bean(REACHABILITY)
    VendorReachability reveniReachability(Clock clock) {
        return new VendorReachability(clock);
    }

    @Bean
    ReveniGatewayRoutes reveniGatewayRoutes(ReveniConnection connection, BridgeProperties props, MeterRegistry meters,
                                            @Qualifier(REACHABILITY) VendorReachability reachability) {
        return new ReveniGatewayRoutes(new ReveniCallSteps(connection, props.limits().maxPageBytes(), reachability),
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

package org.returnsbridge.sitoo;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.support.CamelHttp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SitooConfiguration {

    @Bean
    SitooGuard sitooGuard(BridgeProperties props) {
        var s = props.sitoo();
        return new SitooGuard(s.rateLimit(), s.failureRatePercent(), s.windowSize(), s.minimumCalls(), s.openWait());
    }

    @Bean
    SitooClient sitooClient(CamelHttp http, SitooConnection connection, ObjectMapper json, SitooGuard guard) {
        return new SitooClient(http, connection, json, guard);
    }

    /** Waits for a turn at most as long as the rate limiter waits for a permit. */
    @Bean
    StockInGroupCommit stockInGroupCommit(SitooClient client) {
        return new StockInGroupCommit(client, SitooGuard.PERMIT_WAIT);
    }

    @Bean
    SitooCatalog sitooCatalog(SitooClient client, BridgeProperties props) {
        return new SitooCatalog(client, props.skuCache().maxSize(), props.skuCache().ttl());
    }
}

package org.returnsbridge.sitoo;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.support.CamelHttp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SitooConfiguration {

    @Bean
    SitooClient sitooClient(CamelHttp http, SitooConnection connection, ObjectMapper json) {
        return new SitooClient(http, connection, json);
    }

    @Bean
    SitooCatalog sitooCatalog(SitooClient client, BridgeProperties props) {
        return new SitooCatalog(client, props.skuCache().maxSize(), props.skuCache().ttl());
    }
}

package org.returnsbridge.reveni;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.support.CamelHttp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ReveniConfiguration {

    @Bean
    ReveniClient reveniClient(CamelHttp http, ReveniConnection connection, ObjectMapper json, BridgeProperties props) {
        return new ReveniClient(http, connection, json, props.poll().pageSize(), props.limits().maxPageBytes());
    }

    @Bean
    ReturnParser returnParser(BridgeProperties props) {
        return new ReturnParser(props.limits().maxLineQuantity());
    }
}

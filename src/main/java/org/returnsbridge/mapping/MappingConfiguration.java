package org.returnsbridge.mapping;

import java.nio.file.Path;

import org.returnsbridge.BridgeProperties;
import org.returnsbridge.sitoo.SitooClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class MappingConfiguration {

    /**
     * Loaded by the start-up sequence (flow.BridgeStartup) once Camel runs, because the check against
     * Sitoo's warehouse list goes over Camel's HTTP endpoint; a bad mapping still stops start-up.
     */
    @Bean
    MappingRegistry mappingRegistry(BridgeProperties props, SitooClient sitoo) {
        return new MappingRegistry(Path.of(props.mappings().dir()),
                mappings -> WarehouseCheck.check(mappings, sitoo.warehouses()));
    }
}

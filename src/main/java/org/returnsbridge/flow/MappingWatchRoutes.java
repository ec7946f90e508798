package org.returnsbridge.flow;

import org.apache.camel.builder.RouteBuilder;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.mapping.MappingRegistry;
import org.springframework.stereotype.Component;

/**
 * Integrators edit mapping files in place: a valid edit applies within the interval, a bad one is refused
 * (logged with file and line) and the mappings in force stay. A per-node timer, not a cluster schedule:
 * each node reads its own copy of the files, so each node must watch them.
 */
@Component
public class MappingWatchRoutes extends RouteBuilder {

    public static final String MAPPING_WATCH = "mapping-watch";

    private final MappingRegistry mappings;
    private final BridgeProperties props;

    public MappingWatchRoutes(MappingRegistry mappings, BridgeProperties props) {
        this.mappings = mappings;
        this.props = props;
    }

    @Override
    public void configure() {
        long interval = props.mappings().watchInterval().toMillis();
        from("timer:mapping-watch?delay=" + interval + "&period=" + interval)
                .routeId(MAPPING_WATCH)
                .autoStartup(false) // started by BridgeStartup
                .bean(mappings, "reloadIfChanged");
    }
}
